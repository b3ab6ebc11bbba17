// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {Initializable} from "./base/ERC20Base.sol";

interface IEzETHForQueue {
    function totalSupply() external view returns (uint256);
    function transferFrom(address from, address to, uint256 amount) external returns (bool);
    function burn(address from, uint256 amount) external;
}

interface IRestakeManagerForQueue {
    function calculateTVLs() external view returns (uint256[][] memory, uint256[] memory, uint256);
    function withdrawPaid(uint256 amount) external;
}

/// Test double of Renzo's WithdrawQueue (0x5efc9D10…8918; Renzo-Protocol/contracts-public
/// contracts/Withdraw/WithdrawQueue.sol). Same request/claim/view signatures for ETH out: withdraw(amount, IS_NATIVE)
/// pulls ezETH and records amountToRedeem = ezETH × totalTVL / supply; a request larger than the free buffer is
/// queued (withdrawQueued[keccak256(abi.encode(request, user))] with its fillAt on ethWithdrawQueue) until the buffer
/// is refilled; claim(index, user) after coolDownPeriod pays min(amountToRedeem, the amount at claim time), burns the
/// ezETH and removes the request by swap-and-pop. Differences: ETH only (no ERC-20 collateral out), no risk-oracle
/// cooldown override, whitelist, pause or stETH rebalancing; fillEthWithdrawBuffer is admin-only (mainnet: the
/// deposit queue).
contract WithdrawQueue is Initializable {
    address public constant IS_NATIVE = 0xEeeeeEeeeEeEeeEeEeEeeEEEeeeeEeeeeeeeEEeE;

    struct WithdrawRequest {
        address collateralToken;
        uint256 withdrawRequestID;
        uint256 amountToRedeem;
        uint256 ezETHLocked;
        uint256 createdAt;
    }

    struct WithdrawQueueStatus {
        bool queued;
        uint256 fillAt;
    }

    struct EthQueue {
        uint256 queuedWithdrawToFill;
        uint256 queuedWithdrawFilled;
    }

    event WithdrawRequestCreated(
        uint256 indexed withdrawRequestID,
        address user,
        address claimToken,
        uint256 amountToRedeem,
        uint256 ezETHAmountLocked,
        uint256 withdrawRequestIndex,
        bool queued,
        uint256 queueFilled
    );
    event WithdrawRequestClaimed(WithdrawRequest withdrawRequest);
    event EthBufferFilled(uint256 amount);
    event QueueFilled(uint256 amount, address asset);

    error InvalidZeroInput();
    error UnsupportedWithdrawAsset();
    error InvalidWithdrawIndex();
    error EarlyClaim();
    error QueuedWithdrawalNotFilled();
    error TransferFailed();

    IEzETHForQueue public ezETH;
    IRestakeManagerForQueue public restakeManager;
    uint256 public coolDownPeriod;
    uint256 public withdrawRequestNonce;
    mapping(address => uint256) public withdrawalBufferTarget;
    mapping(address => uint256) public claimReserve;
    mapping(address => WithdrawRequest[]) public withdrawRequests;
    mapping(bytes32 => WithdrawQueueStatus) public withdrawQueued;
    EthQueue public ethWithdrawQueue;

    function initialize(address ezETHAddress, address manager, uint256 coolDown, uint256 ethBufferTarget) external initializer {
        ezETH = IEzETHForQueue(ezETHAddress);
        restakeManager = IRestakeManagerForQueue(manager);
        coolDownPeriod = coolDown;
        withdrawalBufferTarget[IS_NATIVE] = ethBufferTarget;
    }

    function withdraw(uint256 _amount, address _assetOut) external {
        if (_amount == 0 || _assetOut == address(0)) revert InvalidZeroInput();
        if (_assetOut != IS_NATIVE || withdrawalBufferTarget[_assetOut] == 0) revert UnsupportedWithdrawAsset();
        require(ezETH.transferFrom(msg.sender, address(this), _amount), "TransferFromFailed");
        (, uint256 amountToRedeem) = calculateAmountToRedeem(_amount, IS_NATIVE);
        withdrawRequestNonce++;
        WithdrawRequest memory request = WithdrawRequest(IS_NATIVE, withdrawRequestNonce, amountToRedeem, _amount, block.timestamp);
        uint256 available = getAvailableToWithdraw(IS_NATIVE);
        bool queued = amountToRedeem > available;
        if (queued) {
            ethWithdrawQueue.queuedWithdrawFilled += available;
            ethWithdrawQueue.queuedWithdrawToFill += amountToRedeem;
            claimReserve[IS_NATIVE] += available;
            bytes32 withdrawHash = keccak256(abi.encode(request, msg.sender));
            withdrawQueued[withdrawHash] = WithdrawQueueStatus(true, ethWithdrawQueue.queuedWithdrawToFill);
        } else {
            claimReserve[IS_NATIVE] += amountToRedeem;
        }
        withdrawRequests[msg.sender].push(request);
        emit WithdrawRequestCreated(
            withdrawRequestNonce, msg.sender, IS_NATIVE, amountToRedeem, _amount, withdrawRequests[msg.sender].length - 1, queued, available
        );
    }

    function getOutstandingWithdrawRequests(address user) public view returns (uint256) {
        return withdrawRequests[user].length;
    }

    function claim(uint256 withdrawRequestIndex, address user) external {
        if (withdrawRequestIndex >= withdrawRequests[user].length) revert InvalidWithdrawIndex();
        WithdrawRequest memory request = withdrawRequests[user][withdrawRequestIndex];
        if (block.timestamp - request.createdAt < coolDownPeriod) revert EarlyClaim();
        WithdrawQueueStatus memory status = withdrawQueued[keccak256(abi.encode(request, user))];
        if (status.queued && status.fillAt > ethWithdrawQueue.queuedWithdrawFilled) revert QueuedWithdrawalNotFilled();
        (, uint256 nowAmount) = calculateAmountToRedeem(request.ezETHLocked, IS_NATIVE);
        claimReserve[IS_NATIVE] -= request.amountToRedeem;
        if (nowAmount < request.amountToRedeem) request.amountToRedeem = nowAmount;
        withdrawRequests[user][withdrawRequestIndex] = withdrawRequests[user][withdrawRequests[user].length - 1];
        withdrawRequests[user].pop();
        ezETH.burn(address(this), request.ezETHLocked);
        restakeManager.withdrawPaid(request.amountToRedeem);
        (bool ok,) = payable(user).call{value: request.amountToRedeem}("");
        if (!ok) revert TransferFailed();
        emit WithdrawRequestClaimed(request);
    }

    /// Mainnet: RenzoOracle.calculateRedeemAmount(ezETH, supply, totalTVL) = totalTVL × ezETH / supply.
    function calculateAmountToRedeem(uint256 _amount, address _assetOut)
        public
        view
        returns (uint256[][] memory operatorDelegatorTokenTVLs, uint256 _amountToRedeem)
    {
        if (_assetOut != IS_NATIVE) revert UnsupportedWithdrawAsset();
        uint256 totalTVL;
        (operatorDelegatorTokenTVLs,, totalTVL) = restakeManager.calculateTVLs();
        _amountToRedeem = totalTVL * _amount / ezETH.totalSupply();
    }

    function getAvailableToWithdraw(address _asset) public view returns (uint256) {
        if (_asset != IS_NATIVE) revert UnsupportedWithdrawAsset();
        return address(this).balance - claimReserve[IS_NATIVE];
    }

    function getQueueDeficit(address _asset) public view returns (uint256) {
        if (_asset != IS_NATIVE) revert UnsupportedWithdrawAsset();
        return ethWithdrawQueue.queuedWithdrawToFill - ethWithdrawQueue.queuedWithdrawFilled;
    }

    /// Devnet admin (mainnet: the deposit queue): ETH into the buffer, filling the queue first.
    function fillEthWithdrawBuffer() external payable onlyAdmin {
        uint256 deficit = getQueueDeficit(IS_NATIVE);
        uint256 filled = deficit > msg.value ? msg.value : deficit;
        if (filled > 0) {
            claimReserve[IS_NATIVE] += filled;
            ethWithdrawQueue.queuedWithdrawFilled += filled;
            emit QueueFilled(filled, IS_NATIVE);
        }
        emit EthBufferFilled(msg.value - filled);
    }
}
