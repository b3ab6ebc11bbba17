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
contract KelpLRTOracle is Initializable {
    event RsETHPriceUpdate(uint256 newPrice);

    uint256 public rsETHPrice;
    IRsETH public rsETH;
    address public depositPool;

    function initialize(address rsETHAddress, address pool, uint256 initialPrice) external initializer {
        rsETH = IRsETH(rsETHAddress);
        depositPool = pool;
        rsETHPrice = initialPrice;
    }

    function getAssetPrice(address asset) external pure returns (uint256) {
        require(asset == KELP_ETH_TOKEN, "AssetNotSupported");
        return 1 ether;
    }

    /// Recomputes the price from the ETH the protocol holds (deposit pool books) and the rsETH supply.
    function updateRSETHPrice() external {
        uint256 supply = rsETH.totalSupply();
        uint256 totalETH = KelpLRTDepositPool(payable(depositPool)).getTotalAssetDeposits(KELP_ETH_TOKEN);
        rsETHPrice = supply == 0 ? 1 ether : totalETH * 1 ether / supply;
        emit RsETHPriceUpdate(rsETHPrice);
    }

    /// Devnet admin: an oracle update to any value.
    function setRSETHPrice(uint256 price) external onlyAdmin {
        rsETHPrice = price;
        emit RsETHPriceUpdate(price);
    }
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

    function getTotalAssetDeposits(address asset) external view returns (uint256) {
        require(asset == KELP_ETH_TOKEN, "AssetNotSupported");
        return totalETHDeposits;
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

    /// Devnet admin: rewards or losses in the ETH the protocol holds (read by updateRSETHPrice).
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
