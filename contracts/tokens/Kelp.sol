// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {Initializable, ERC20Plain, OTHER_HOLDERS} from "./base/ERC20Base.sol";

// Kelp's marker for native ETH as an asset (LRTConstants.ETH_TOKEN).
address constant KELP_ETH_TOKEN = 0xEeeeeEeeeEeEeeEeEeEeeEEEeeeeEeeeeeeeEEeE;

/// Test double of rsETH (0xA1290d69…e5A7): minted only by the LRTDepositPool.
contract RsETH is ERC20Plain {
    address public depositPool;

    function name() public pure override returns (string memory) { return "rsETH"; }
    function symbol() public pure override returns (string memory) { return "rsETH"; }

    function initialize(address pool, uint256 initialSupply) external initializer {
        depositPool = pool;
        _mint(OTHER_HOLDERS, initialSupply);
    }

    function mint(address to, uint256 amount) external {
        require(msg.sender == depositPool, "CallerNotLRTConfigMinter");
        _mint(to, amount);
    }
}

interface IRsETH {
    function mint(address to, uint256 amount) external;
    function totalSupply() external view returns (uint256);
}

interface ILRTOracle {
    function rsETHPrice() external view returns (uint256);
    function getAssetPrice(address asset) external view returns (uint256);
}

/// Test double of Kelp LRTOracle (0x349A7344…020d). rsETHPrice is STORED: it moves only when
/// updateRSETHPrice() runs (anyone may call it, as in the Feb-2025 code) or the admin sets it.
/// updateRSETHPrice = getTotalETHInProtocol() / rsETH supply, as mainnet: Σ over the supported assets of
/// the deposit pool's getTotalAssetDeposits(asset) (pool + NodeDelegators + their EigenLayer withdrawable
/// shares) × the asset's price. Not modelled: the protocol fee minted on a rise and pricePercentageLimit.
contract KelpLRTOracle is Initializable {
    event RsETHPriceUpdate(uint256 newPrice);

    uint256 public rsETHPrice;
    IRsETH public rsETH;
    address public depositPool;
    /// ETH first; the admin adds LSTs (mainnet LRTConfig.getSupportedAssetList).
    address[] private _supportedAssets;

    function initialize(address rsETHAddress, address pool, uint256 initialPrice) external initializer {
        rsETH = IRsETH(rsETHAddress);
        depositPool = pool;
        rsETHPrice = initialPrice;
        _supportedAssets.push(KELP_ETH_TOKEN);
    }

    function getSupportedAssetList() external view returns (address[] memory) { return _supportedAssets; }

    function addSupportedAsset(address asset) external onlyAdmin { _supportedAssets.push(asset); }

    /// ETH is 1; an LST at 1 ETH too (devnet: stETH at peg; mainnet reads each asset's price oracle).
    function getAssetPrice(address asset) public view returns (uint256) {
        for (uint256 i = 0; i < _supportedAssets.length; i++) if (_supportedAssets[i] == asset) return 1 ether;
        revert("AssetNotSupported");
    }

    function getTotalETHInProtocol() public view returns (uint256 totalETH) {
        for (uint256 i = 0; i < _supportedAssets.length; i++) {
            address asset = _supportedAssets[i];
            totalETH += KelpLRTDepositPool(payable(depositPool)).getTotalAssetDeposits(asset) * getAssetPrice(asset) / 1 ether;
        }
    }

    /// Recomputes the price from the ETH the protocol holds and the rsETH supply.
    function updateRSETHPrice() external {
        uint256 supply = rsETH.totalSupply();
        rsETHPrice = supply == 0 ? 1 ether : getTotalETHInProtocol() * 1 ether / supply;
        emit RsETHPriceUpdate(rsETHPrice);
    }

    /// Devnet admin: an oracle update to any value.
    function setRSETHPrice(uint256 price) external onlyAdmin {
        rsETHPrice = price;
        emit RsETHPriceUpdate(price);
    }
}

interface IKelpNodeDelegator {
    function getAssetBalance(address asset) external view returns (uint256);
}

/// Test double of Kelp LRTDepositPool (0x03667638…375D).
contract KelpLRTDepositPool is Initializable {
    event ETHDeposit(address indexed depositor, uint256 depositAmount, uint256 rsethMintAmount, string referralId);

    error MinimumAmountToReceiveNotMet();
    error InvalidAmountToDeposit();

    IRsETH public rsETH;
    ILRTOracle public lrtOracle;
    uint256 private totalETHDeposits;
    bool public paused;

    function initialize(address rsETHAddress, address oracle, uint256 initialETH) external initializer {
        rsETH = IRsETH(rsETHAddress);
        lrtOracle = ILRTOracle(oracle);
        totalETHDeposits = initialETH;
    }

    /// Mainnet: asset in the pool + in the NodeDelegators + staked in EigenLayer. Here ETH not restaked is one
    /// stored figure (totalETHDeposits) and each NodeDelegator reports its EigenLayer withdrawable balance.
    function getTotalAssetDeposits(address asset) external view returns (uint256 total) {
        if (asset == KELP_ETH_TOKEN) total = totalETHDeposits;
        for (uint256 i = 0; i < nodeDelegatorQueue.length; i++) total += IKelpNodeDelegator(nodeDelegatorQueue[i]).getAssetBalance(asset);
    }

    function getRsETHAmountToMint(address asset, uint256 amount) public view returns (uint256) {
        return amount * lrtOracle.getAssetPrice(asset) / lrtOracle.rsETHPrice();
    }

    function depositETH(uint256 minRSETHAmountExpected, string calldata referralId) external payable {
        require(!paused, "Pausable: paused");
        if (msg.value == 0) revert InvalidAmountToDeposit();
        uint256 rsethAmountToMint = getRsETHAmountToMint(KELP_ETH_TOKEN, msg.value);
        if (rsethAmountToMint < minRSETHAmountExpected) revert MinimumAmountToReceiveNotMet();
        totalETHDeposits += msg.value;
        rsETH.mint(msg.sender, rsethAmountToMint);
        emit ETHDeposit(msg.sender, msg.value, rsethAmountToMint, referralId);
    }

    /// Devnet admin: the ETH held outside EigenLayer (pool and NodeDelegators), read by updateRSETHPrice.
    function setTotalETHDeposits(uint256 value) external onlyAdmin { totalETHDeposits = value; }

    function setPaused(bool value) external onlyAdmin { paused = value; }

    /// The NodeDelegator contracts that restake for rsETH (mainnet LRTDepositPool.nodeDelegatorQueue).
    address[] private nodeDelegatorQueue;

    function getNodeDelegatorQueue() external view returns (address[] memory) { return nodeDelegatorQueue; }

    function addNodeDelegatorContractToQueue(address[] calldata nodeDelegatorContracts) external onlyAdmin {
        for (uint256 i = 0; i < nodeDelegatorContracts.length; i++) nodeDelegatorQueue.push(nodeDelegatorContracts[i]);
    }

    receive() external payable {}
}
