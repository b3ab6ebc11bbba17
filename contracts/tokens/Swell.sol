// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {ERC20Plain, OTHER_HOLDERS} from "./base/ERC20Base.sol";

/// Test double of Swell rswETH (0xFAe103DC…a6c0): the rate is STORED and moves only on reprice(),
/// which a repricing bot calls on mainnet (max 1% per reprice; not enforced here so scenarios can jump).
contract RswETH is ERC20Plain {
    event ETHDepositReceived(address indexed from, uint256 amount, uint256 rswETHMinted, uint256 newTotalETHDeposited);
    event Reprice(uint256 newEthReserves, uint256 newRswETHToETHRate, uint256 nodeOperatorRewards, uint256 swellTreasuryRewards, uint256 totalETHDeposited);

    uint256 private rswETHToETHRateFixed;
    uint256 public totalETHDeposited;

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

    /// Same signature as mainnet, fees left out: rate = (reserves + rewards) / supply.
    function reprice(uint256 preRewardETHReserves, uint256 newETHRewards, uint256 rswETHTotalSupply) external onlyAdmin {
        require(rswETHTotalSupply > 0, "CannotRepriceWithZeroRswETHSupply");
        uint256 reserves = preRewardETHReserves + newETHRewards;
        rswETHToETHRateFixed = reserves * 1 ether / rswETHTotalSupply;
        emit Reprice(reserves, rswETHToETHRateFixed, 0, 0, totalETHDeposited);
    }
}
