// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {Initializable, ERC20Plain, Permit, OTHER_HOLDERS} from "./base/ERC20Base.sol";

/// Test double of Mantle mETH (0xd5F7838F…0ADfa): minted only by the Staking contract.
contract METH is ERC20Plain, Permit {
    address public stakingContract;

    function name() public pure override returns (string memory) { return "mETH"; }
    function symbol() public pure override returns (string memory) { return "mETH"; }

    function initialize(address staking, uint256 initialSupply) external initializer {
        stakingContract = staking;
        _mint(OTHER_HOLDERS, initialSupply);
    }

    function mint(address to, uint256 amount) external {
        require(msg.sender == stakingContract, "NotStakingContract");
        _mint(to, amount);
    }
}

interface IMETH {
    function mint(address to, uint256 amount) external;
    function totalSupply() external view returns (uint256);
}

/// Test double of Mantle Staking (0xe3cBd06D…9E8f): rate = totalControlled / mETH supply, where
/// mainnet's totalControlled comes from the oracle record plus balances; here it is stored.
contract MantleStaking is Initializable {
    event Staked(address indexed staker, uint256 ethAmount, uint256 mETHAmount);

    error MinimumMETHAmountNotSatisfied();
    error MinimumStakeBoundNotSatisfied();
    error Paused();

    IMETH public mETH;
    uint256 public totalControlled;
    bool public isStakingPaused;

    function initialize(address mETHAddress, uint256 initialControlled) external initializer {
        mETH = IMETH(mETHAddress);
        totalControlled = initialControlled;
    }

    function ethToMETH(uint256 ethAmount) public view returns (uint256) {
        uint256 supply = mETH.totalSupply();
        return supply == 0 ? ethAmount : ethAmount * supply / totalControlled;
    }

    function mETHToETH(uint256 mETHAmount) public view returns (uint256) {
        uint256 supply = mETH.totalSupply();
        return supply == 0 ? mETHAmount : mETHAmount * totalControlled / supply;
    }

    function stake(uint256 minMETHAmount) external payable {
        if (isStakingPaused) revert Paused();
        if (msg.value == 0) revert MinimumStakeBoundNotSatisfied();
        uint256 mETHMintAmount = ethToMETH(msg.value);
        if (mETHMintAmount < minMETHAmount) revert MinimumMETHAmountNotSatisfied();
        totalControlled += msg.value;
        mETH.mint(msg.sender, mETHMintAmount);
        emit Staked(msg.sender, msg.value, mETHMintAmount);
    }

    function setTotalControlled(uint256 value) external onlyAdmin { totalControlled = value; }

    function setStakingPaused(bool value) external onlyAdmin { isStakingPaused = value; }
}
