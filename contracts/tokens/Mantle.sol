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

    /// Mainnet METH.burn(amount): only the UnstakeRequestsManager, burning the mETH a claimed request locked.
    address public unstakeRequestsManager;

    function setUnstakeRequestsManager(address manager) external onlyAdmin { unstakeRequestsManager = manager; }

    function burn(uint256 amount) external {
        require(msg.sender == unstakeRequestsManager, "NotUnstakeRequestsManager");
        _burn(msg.sender, amount);
    }
}

interface IMETH {
    function mint(address to, uint256 amount) external;
    function totalSupply() external view returns (uint256);
    function transferFrom(address from, address to, uint256 amount) external returns (bool);
}

interface IUnstakeRequestsManagerForStaking {
    function create(address requester, uint128 mETHLocked, uint128 ethRequested) external returns (uint256);
    function claim(uint256 requestID, address requester) external returns (uint256 ethPaid);
    function requestInfo(uint256 requestID) external view returns (bool, uint256);
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

    // Unstaking (mantle-lsp/contracts src/Staking.sol): the request fixes ethRequested = mETHToETH(amount) and moves
    // the mETH to the UnstakeRequestsManager; the claim pays exactly that once finalized and filled.
    event UnstakeRequested(uint256 indexed id, address indexed staker, uint256 ethAmount, uint256 mETHLocked);
    event UnstakeRequestClaimed(uint256 indexed id, address indexed staker);

    error MinimumUnstakeBoundNotSatisfied();
    error UnstakeBelowMinimumETHAmount(uint256 ethAmount, uint256 expectedMinimum);

    IUnstakeRequestsManagerForStaking public unstakeRequestsManager;
    uint256 public minimumUnstakeBound;

    function setUnstakeRequestsManager(address manager, uint256 minimumUnstake) external onlyAdmin {
        unstakeRequestsManager = IUnstakeRequestsManagerForStaking(manager);
        minimumUnstakeBound = minimumUnstake;
    }

    function unstakeRequest(uint128 methAmount, uint128 minETHAmount) external returns (uint256) {
        if (methAmount < minimumUnstakeBound) revert MinimumUnstakeBoundNotSatisfied();
        uint128 ethAmount = uint128(mETHToETH(methAmount));
        if (ethAmount < minETHAmount) revert UnstakeBelowMinimumETHAmount(ethAmount, minETHAmount);
        uint256 requestID = unstakeRequestsManager.create(msg.sender, methAmount, ethAmount);
        emit UnstakeRequested(requestID, msg.sender, ethAmount, methAmount);
        require(mETH.transferFrom(msg.sender, address(unstakeRequestsManager), methAmount), "TransferFromFailed");
        return requestID;
    }

    /// The paid ETH leaves the protocol with the burned mETH (mainnet counts the manager's balance in totalControlled).
    function claimUnstakeRequest(uint256 unstakeRequestID) external {
        emit UnstakeRequestClaimed(unstakeRequestID, msg.sender);
        totalControlled -= unstakeRequestsManager.claim(unstakeRequestID, msg.sender);
    }

    function unstakeRequestInfo(uint256 unstakeRequestID) external view returns (bool, uint256) {
        return unstakeRequestsManager.requestInfo(unstakeRequestID);
    }

    function setStakingPaused(bool value) external onlyAdmin { isStakingPaused = value; }
}
