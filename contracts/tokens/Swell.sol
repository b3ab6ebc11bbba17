// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {ERC20Plain, OTHER_HOLDERS} from "./base/ERC20Base.sol";

interface IStakerBalance {
    function getAssetBalance(address asset) external view returns (uint256);
}

/// Test double of Swell rswETH (0xFAe103DC…a6c0): the rate is STORED and moves only on reprice(),
/// which a repricing bot calls on mainnet (max 1% per reprice; not enforced here so scenarios can jump).
contract RswETH is ERC20Plain {
    event ETHDepositReceived(address indexed from, uint256 amount, uint256 rswETHMinted, uint256 newTotalETHDeposited);
    event Reprice(uint256 newEthReserves, uint256 newRswETHToETHRate, uint256 nodeOperatorRewards, uint256 swellTreasuryRewards, uint256 totalETHDeposited);

    uint256 private rswETHToETHRateFixed;
    uint256 public totalETHDeposited;
    // Whitelist.sol AccessControlManager (v3-core-public at ba1eeff1): how rswETH names its registries.
    address public AccessControlManager;
    address[] private _reportStakers;
    address public reportAsset;
    /// The StakerProxies' EigenLayer balance the last reprice counted.
    uint256 public stakersEthBooked;

    function name() public pure override returns (string memory) { return "rswETH"; }
    function symbol() public pure override returns (string memory) { return "rswETH"; }

    function initialize(uint256 initialSupply, uint256 initialRate) external initializer {
        rswETHToETHRateFixed = initialRate;
        _mint(OTHER_HOLDERS, initialSupply);
    }

    function rswETHToETHRate() public view returns (uint256) { return rswETHToETHRateFixed; }
    function getRate() external view returns (uint256) { return rswETHToETHRateFixed; }
    function ethToRswETHRate() public view returns (uint256) { return 1e36 / rswETHToETHRateFixed; }

    function deposit() external payable { _deposit(); }

    function depositWithReferral(address) external payable { _deposit(); }

    function _deposit() private {
        require(msg.value > 0, "InvalidETHDeposit");
        uint256 minted = msg.value * ethToRswETHRate() / 1 ether;
        totalETHDeposited += msg.value;
        _mint(msg.sender, minted);
        emit ETHDepositReceived(msg.sender, msg.value, minted, totalETHDeposited);
    }

    function setAccessControlManager(address acm) external onlyAdmin { AccessControlManager = acm; }

    /// Set-up: the StakerProxies' present balance counts as booked already (part of the seeded reserves): no rate change.
    function setReportStakers(address[] calldata stakers, address asset) external onlyAdmin {
        _reportStakers = stakers;
        reportAsset = asset;
        stakersEthBooked = stakersEth();
    }

    function stakersEth() public view returns (uint256 total) {
        for (uint256 i = 0; i < _reportStakers.length; i++) total += IStakerBalance(_reportStakers[i]).getAssetBalance(reportAsset);
    }

    /// The repricing bot's update: reserves = rate × supply + (the StakerProxies' EigenLayer ETH now − booked), then reprice.
    function repriceFromStakers() external onlyAdmin {
        uint256 supply = totalSupply;
        uint256 current = stakersEth();
        uint256 reserves = rswETHToETHRateFixed * supply / 1 ether + current - stakersEthBooked;
        stakersEthBooked = current;
        _reprice(reserves, 0, supply);
    }

    /// Same signature as mainnet, fees left out: rate = (reserves + rewards) / supply.
    function reprice(uint256 preRewardETHReserves, uint256 newETHRewards, uint256 rswETHTotalSupply) external onlyAdmin {
        _reprice(preRewardETHReserves, newETHRewards, rswETHTotalSupply);
    }

    function _reprice(uint256 preRewardETHReserves, uint256 newETHRewards, uint256 rswETHTotalSupply) private {
        require(rswETHTotalSupply > 0, "CannotRepriceWithZeroRswETHSupply");
        uint256 reserves = preRewardETHReserves + newETHRewards;
        rswETHToETHRateFixed = reserves * 1 ether / rswETHTotalSupply;
        emit Reprice(reserves, rswETHToETHRateFixed, 0, 0, totalETHDeposited);
    }
}
