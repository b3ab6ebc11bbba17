// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {AaveTypes, IAaveOracleMin, IAaveATokenMin} from "./AaveTypes.sol";
import {IERC20Min} from "../curve/CurveStableSwapSTETH.sol";

/// Aave v3 Pool double (0x87870Bca3F3fD6335C3F4ce8392D69350B4fA4E2) with the mainnet IPool ABI for
/// supply / withdraw / borrow / repay / e-mode / account data. No interest accrues (indexes stay 1 ray),
/// only variable-rate debt, no liquidations, no isolation mode or caps. Account data is in the oracle's
/// base currency (USD, 8 decimals) with Aave's rounding (percentMul and wadDiv round half up, debt up).
contract AavePoolDouble {
    uint256 internal constant HEALTH_FACTOR_LIQUIDATION_THRESHOLD = 1e18;

    event Supply(address indexed reserve, address user, address indexed onBehalfOf, uint256 amount, uint16 indexed referralCode);
    event Withdraw(address indexed reserve, address indexed user, address indexed to, uint256 amount);
    event Borrow(address indexed reserve, address user, address indexed onBehalfOf, uint256 amount, uint8 interestRateMode, uint256 borrowRate, uint16 indexed referralCode);
    event Repay(address indexed reserve, address indexed user, address indexed repayer, uint256 amount, bool useATokens);
    event UserEModeSet(address indexed user, uint8 categoryId);

    address public owner;
    address public ORACLE;
    /// IPool.ADDRESSES_PROVIDER(): the smoke check reads it on the L2 devnets (set there to the registry's provider).
    address public ADDRESSES_PROVIDER;
    address[] internal reservesList;
    mapping(address => AaveTypes.Reserve) internal reserves;
    mapping(uint8 => AaveTypes.CollateralConfig) internal eModes;
    mapping(uint8 => string) internal eModeLabels;
    mapping(uint8 => uint128) internal eModeCollateral;
    mapping(uint8 => uint128) internal eModeBorrowable;
    mapping(address => uint8) internal userEMode;
    /// Variable debt per user and asset (no debt-token double; read it here).
    mapping(address => mapping(address => uint256)) public userDebt;

    function initialize(address oracle) external {
        require(owner == address(0), "Pool: initialized");
        owner = msg.sender;
        ORACLE = oracle;
    }

    modifier onlyOwner() {
        require(msg.sender == owner, "Pool: only owner");
        _;
    }

    // ---- admin (the real PoolConfigurator's job) ----

    function setAddressesProvider(address provider) external onlyOwner { ADDRESSES_PROVIDER = provider; }

    function initReserve(address asset, address aToken, uint16 ltv, uint16 liquidationThreshold, uint16 liquidationBonus) external onlyOwner {
        require(reserves[asset].aToken == address(0), "Pool: reserve exists");
        reserves[asset] = AaveTypes.Reserve(aToken, uint16(reservesList.length), AaveTypes.CollateralConfig(ltv, liquidationThreshold, liquidationBonus));
        reservesList.push(asset);
    }

    function configureEModeCategory(uint8 id, uint16 ltv, uint16 liquidationThreshold, uint16 liquidationBonus, string calldata label) external onlyOwner {
        require(id != 0, "Pool: e-mode 0 is no e-mode");
        eModes[id] = AaveTypes.CollateralConfig(ltv, liquidationThreshold, liquidationBonus);
        eModeLabels[id] = label;
    }

    function setAssetEModeFlags(uint8 id, address asset, bool collateral, bool borrowable) external onlyOwner {
        uint128 bit = uint128(1) << _reserve(asset).id;
        eModeCollateral[id] = collateral ? eModeCollateral[id] | bit : eModeCollateral[id] & ~bit;
        eModeBorrowable[id] = borrowable ? eModeBorrowable[id] | bit : eModeBorrowable[id] & ~bit;
    }

    // ---- user actions ----

    function supply(address asset, uint256 amount, address onBehalfOf, uint16 referralCode) external {
        require(amount > 0, "Pool: invalid amount");
        AaveTypes.Reserve storage r = _reserve(asset);
        require(IERC20Min(asset).transferFrom(msg.sender, r.aToken, amount), "Pool: transferFrom failed");
        IAaveATokenMin(r.aToken).mint(onBehalfOf, amount);
        emit Supply(asset, msg.sender, onBehalfOf, amount, referralCode);
    }

    function withdraw(address asset, uint256 amount, address to) external returns (uint256) {
        AaveTypes.Reserve storage r = _reserve(asset);
        uint256 balance = IAaveATokenMin(r.aToken).balanceOf(msg.sender);
        if (amount == type(uint256).max) amount = balance;
        require(amount > 0 && amount <= balance, "Pool: not enough available user balance");
        IAaveATokenMin(r.aToken).burn(msg.sender, to, amount);
        _requireHealthy(msg.sender);
        emit Withdraw(asset, msg.sender, to, amount);
        return amount;
    }

    function borrow(address asset, uint256 amount, uint256 interestRateMode, uint16 referralCode, address onBehalfOf) external {
        require(onBehalfOf == msg.sender, "Pool: credit delegation not modelled");
        require(interestRateMode == 2, "Pool: only variable rate (2)");
        AaveTypes.Reserve storage r = _reserve(asset);
        uint8 category = userEMode[msg.sender];
        require(category == 0 || eModeBorrowable[category] & (uint128(1) << r.id) != 0, "Pool: asset not borrowable in e-mode");
        (, , uint256 available, , , ) = getUserAccountData(msg.sender);
        uint256 value = _valueUp(asset, amount);
        require(value <= available, "Pool: collateral cannot cover new borrow");
        userDebt[msg.sender][asset] += amount;
        IAaveATokenMin(r.aToken).transferUnderlyingTo(msg.sender, amount);
        emit Borrow(asset, msg.sender, onBehalfOf, amount, 2, 0, referralCode);
    }

    function repay(address asset, uint256 amount, uint256, address onBehalfOf) external returns (uint256) {
        AaveTypes.Reserve storage r = _reserve(asset);
        uint256 debt = userDebt[onBehalfOf][asset];
        if (amount > debt) amount = debt;
        require(amount > 0, "Pool: no debt to repay");
        userDebt[onBehalfOf][asset] = debt - amount;
        require(IERC20Min(asset).transferFrom(msg.sender, r.aToken, amount), "Pool: transferFrom failed");
        emit Repay(asset, onBehalfOf, msg.sender, amount, false);
        return amount;
    }

    function setUserEMode(uint8 categoryId) external {
        require(categoryId == 0 || eModes[categoryId].liquidationThreshold != 0, "Pool: inconsistent e-mode category");
        if (categoryId != 0) {
            for (uint256 i = 0; i < reservesList.length; i++) {
                address asset = reservesList[i];
                if (userDebt[msg.sender][asset] > 0) require(eModeBorrowable[categoryId] & (uint128(1) << reserves[asset].id) != 0, "Pool: debt not borrowable in e-mode");
            }
        }
        userEMode[msg.sender] = categoryId;
        _requireHealthy(msg.sender);
        emit UserEModeSet(msg.sender, categoryId);
    }

    // ---- views ----

    function getUserEMode(address user) external view returns (uint256) { return userEMode[user]; }
    function getEModeCategoryCollateralConfig(uint8 id) external view returns (AaveTypes.CollateralConfig memory) { return eModes[id]; }
    function getEModeCategoryLabel(uint8 id) external view returns (string memory) { return eModeLabels[id]; }
    function getEModeCategoryCollateralBitmap(uint8 id) external view returns (uint128) { return eModeCollateral[id]; }
    function getEModeCategoryBorrowableBitmap(uint8 id) external view returns (uint128) { return eModeBorrowable[id]; }
    function getReservesList() external view returns (address[] memory) { return reservesList; }
    function getReserveAToken(address asset) external view returns (address) { return reserves[asset].aToken; }

    function getReserveData(address asset) external view returns (AaveTypes.ReserveDataLegacy memory data) {
        AaveTypes.Reserve storage r = _reserve(asset);
        // ReserveConfiguration bit layout: ltv 0-15, threshold 16-31, bonus 32-47, decimals 48-55, active 56, borrowing 58.
        data.configuration = uint256(r.config.ltv) | (uint256(r.config.liquidationThreshold) << 16) | (uint256(r.config.liquidationBonus) << 32)
            | (uint256(18) << 48) | (uint256(1) << 56) | (uint256(1) << 58);
        data.liquidityIndex = 1e27;
        data.variableBorrowIndex = 1e27;
        data.lastUpdateTimestamp = uint40(block.timestamp);
        data.id = r.id;
        data.aTokenAddress = r.aToken;
    }

    function getUserAccountData(address user) public view returns (
        uint256 totalCollateralBase, uint256 totalDebtBase, uint256 availableBorrowsBase,
        uint256 currentLiquidationThreshold, uint256 ltv, uint256 healthFactor
    ) {
        uint8 category = userEMode[user];
        for (uint256 i = 0; i < reservesList.length; i++) {
            address asset = reservesList[i];
            AaveTypes.Reserve storage r = reserves[asset];
            uint256 supplied = IAaveATokenMin(r.aToken).balanceOf(user);
            if (supplied > 0 && r.config.liquidationThreshold != 0) {
                uint256 value = (supplied * IAaveOracleMin(ORACLE).getAssetPrice(asset)) / 1e18;
                bool inEMode = category != 0 && eModeCollateral[category] & (uint128(1) << r.id) != 0;
                AaveTypes.CollateralConfig memory c = inEMode ? eModes[category] : r.config;
                totalCollateralBase += value;
                ltv += value * c.ltv;
                currentLiquidationThreshold += value * c.liquidationThreshold;
            }
            uint256 debt = userDebt[user][asset];
            if (debt > 0) totalDebtBase += _valueUp(asset, debt);
        }
        if (totalCollateralBase != 0) {
            ltv /= totalCollateralBase;
            currentLiquidationThreshold /= totalCollateralBase;
        }
        healthFactor = totalDebtBase == 0
            ? type(uint256).max
            : (_percentMul(totalCollateralBase, currentLiquidationThreshold) * 1e18 + totalDebtBase / 2) / totalDebtBase;
        uint256 borrowable = _percentMul(totalCollateralBase, ltv);
        availableBorrowsBase = borrowable > totalDebtBase ? borrowable - totalDebtBase : 0;
    }

    // ---- internals ----

    function _reserve(address asset) internal view returns (AaveTypes.Reserve storage r) {
        r = reserves[asset];
        require(r.aToken != address(0), "Pool: asset is not a listed reserve");
    }

    function _valueUp(address asset, uint256 amount) internal view returns (uint256) {
        return (amount * IAaveOracleMin(ORACLE).getAssetPrice(asset) + 1e18 - 1) / 1e18;
    }

    function _percentMul(uint256 value, uint256 bps) internal pure returns (uint256) { return (value * bps + 5000) / 10000; }

    function _requireHealthy(address user) internal view {
        (, , , , , uint256 hf) = getUserAccountData(user);
        require(hf >= HEALTH_FACTOR_LIQUIDATION_THRESHOLD, "Pool: health factor would fall below 1");
    }
}
