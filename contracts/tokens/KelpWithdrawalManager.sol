// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {Initializable} from "./base/ERC20Base.sol";

interface IKelpOracleForWithdrawals {
    function rsETHPrice() external view returns (uint256);
    function getAssetPrice(address asset) external view returns (uint256);
}

interface IKelpDepositPoolForWithdrawals {
    function getTotalAssetDeposits(address asset) external view returns (uint256);
}

interface IRsETHForWithdrawals {
    function transferFrom(address from, address to, uint256 amount) external returns (bool);
}

/// Test double of Kelp's LRTWithdrawalManager (0x62De59c0…5ec16; Kelp-DAO/LRT-rsETH contracts/LRTWithdrawalManager.sol),
/// native ETH only. Same signatures: initiateWithdrawal(asset, rsETH, referralId) pulls rsETH and queues a request
/// at the next nonce with getExpectedAssetAmount = rsETH × rsETHPrice / assetPrice; the operator's unlockQueue moves
/// nextLockedNonce past every request whose delay has passed, lowering each payout to the current rate when lower;
/// completeWithdrawal pays the caller's OLDEST request (its deque front) once unlocked and past the delay.
/// Differences: unlockQueue is admin-only and takes ETH already received here (receiveFromLRTUnstakingVault)
/// instead of redeeming it from the LRTUnstakingVault; the unstaked rsETH stays here instead of being burned;
/// the user deque is (begin, end) + a mapping as in Kelp's DoubleEndedQueue.
contract LRTWithdrawalManager is Initializable {
    address public constant ETH_TOKEN = 0xEeeeeEeeeEeEeeEeEeEeeEEEeeeeEeeeeeeeEEeE;

    struct WithdrawalRequest {
        uint256 rsETHUnstaked;
        uint256 expectedAssetAmount;
        uint256 withdrawalStartBlock;
    }

    struct Uint256Deque {
        uint128 _begin;
        uint128 _end;
        mapping(uint128 => uint256) _data;
    }

    error InvalidAmountToWithdraw();
    error ExceedAmountToWithdraw();
    error WithdrawalLocked();
    error WithdrawalDelayNotPassed();
    error NoPendingWithdrawals();
    error AmountMustBeGreaterThanZero();
    error EthTransferFailed();
    error AssetNotSupported();

    event AssetWithdrawalQueued(address indexed withdrawer, address indexed asset, uint256 rsETHUnstaked, uint256 indexed userNonce);
    event AssetWithdrawalFinalized(address indexed withdrawer, address indexed asset, uint256 amountBurned, uint256 amountReceived);
    event AssetUnlocked(address indexed asset, uint256 rsEthAmount, uint256 assetAmount, uint256 rsEThPrice, uint256 assetPrice);
    event EtherReceived(address indexed depositor, uint256 ethAmount, uint256 sharesAmount);
    event ReferralIdEmitted(string referralId);

    IRsETHForWithdrawals public rsETH;
    IKelpOracleForWithdrawals public lrtOracle;
    IKelpDepositPoolForWithdrawals public lrtDepositPool;
    uint256 public withdrawalDelayBlocks;
    mapping(address => uint256) public minRsEthAmountToWithdraw;
    mapping(address => uint256) public nextUnusedNonce;
    mapping(address => uint256) public nextLockedNonce;
    mapping(bytes32 => WithdrawalRequest) public withdrawalRequests;
    mapping(address => mapping(address => Uint256Deque)) public userAssociatedNonces;
    mapping(address => uint256) public assetsCommitted;
    /// ETH received for unlocking and not yet paid out (the double's stand-in for the unstaking vault balance).
    uint256 private unlockedUnpaid;

    modifier onlyEth(address asset) {
        if (asset != ETH_TOKEN) revert AssetNotSupported();
        _;
    }

    function initialize(address rsETHAddress, address oracle, address depositPool, uint256 delayBlocks) external initializer {
        rsETH = IRsETHForWithdrawals(rsETHAddress);
        lrtOracle = IKelpOracleForWithdrawals(oracle);
        lrtDepositPool = IKelpDepositPoolForWithdrawals(depositPool);
        withdrawalDelayBlocks = delayBlocks;
    }

    function receiveFromLRTUnstakingVault() external payable {}

    function getRequestId(address asset, uint256 requestIndex) public pure returns (bytes32) {
        return keccak256(abi.encodePacked(asset, requestIndex));
    }

    function getExpectedAssetAmount(address asset, uint256 amount) public view returns (uint256) {
        return amount * lrtOracle.rsETHPrice() / lrtOracle.getAssetPrice(asset);
    }

    function getAvailableAssetAmount(address asset) public view returns (uint256) {
        uint256 total = lrtDepositPool.getTotalAssetDeposits(asset);
        return total > assetsCommitted[asset] ? total - assetsCommitted[asset] : 0;
    }

    function getUserWithdrawalRequest(address asset, address user, uint256 userIndex)
        public
        view
        returns (uint256 rsETHAmount, uint256 expectedAssetAmount, uint256 withdrawalStartBlock, uint256 userNonce)
    {
        Uint256Deque storage q = userAssociatedNonces[asset][user];
        require(userIndex < q._end - q._begin, "OutOfBounds");
        userNonce = q._data[q._begin + uint128(userIndex)];
        WithdrawalRequest storage r = withdrawalRequests[getRequestId(asset, userNonce)];
        return (r.rsETHUnstaked, r.expectedAssetAmount, r.withdrawalStartBlock, userNonce);
    }

    function initiateWithdrawal(address asset, uint256 rsETHUnstaked, string calldata referralId) external onlyEth(asset) {
        if (rsETHUnstaked == 0 || rsETHUnstaked < minRsEthAmountToWithdraw[asset]) revert InvalidAmountToWithdraw();
        rsETH.transferFrom(msg.sender, address(this), rsETHUnstaked);
        uint256 expected = getExpectedAssetAmount(asset, rsETHUnstaked);
        if (expected > getAvailableAssetAmount(asset)) revert ExceedAmountToWithdraw();
        assetsCommitted[asset] += expected;
        uint256 nonce = nextUnusedNonce[asset];
        withdrawalRequests[getRequestId(asset, nonce)] = WithdrawalRequest(rsETHUnstaked, expected, block.number);
        Uint256Deque storage q = userAssociatedNonces[asset][msg.sender];
        q._data[q._end] = nonce;
        q._end += 1;
        nextUnusedNonce[asset] = nonce + 1;
        emit AssetWithdrawalQueued(msg.sender, asset, rsETHUnstaked, nonce);
        emit ReferralIdEmitted(referralId);
    }

    function completeWithdrawal(address asset, string calldata referralId) external onlyEth(asset) {
        Uint256Deque storage q = userAssociatedNonces[asset][msg.sender];
        require(q._end > q._begin, "QueueEmpty");
        uint256 nonce = q._data[q._begin];
        delete q._data[q._begin];
        q._begin += 1;
        if (nonce >= nextLockedNonce[asset]) revert WithdrawalLocked();
        bytes32 id = getRequestId(asset, nonce);
        WithdrawalRequest memory r = withdrawalRequests[id];
        delete withdrawalRequests[id];
        if (block.number < r.withdrawalStartBlock + withdrawalDelayBlocks) revert WithdrawalDelayNotPassed();
        unlockedUnpaid -= r.expectedAssetAmount;
        (bool sent,) = payable(msg.sender).call{value: r.expectedAssetAmount}("");
        if (!sent) revert EthTransferFailed();
        emit ReferralIdEmitted(referralId);
        emit AssetWithdrawalFinalized(msg.sender, asset, r.rsETHUnstaked, r.expectedAssetAmount);
    }

    /// Devnet admin (mainnet: the LRT operator): unlock requests below firstExcludedIndex whose delay has passed,
    /// in nonce order, while the received ETH covers them.
    function unlockQueue(
        address asset,
        uint256 firstExcludedIndex,
        uint256 minimumAssetPrice,
        uint256 minimumRsEthPrice,
        uint256 maximumAssetPrice,
        uint256 maximumRsEthPrice
    ) external onlyAdmin onlyEth(asset) returns (uint256 rsETHBurned, uint256 assetAmountUnlocked) {
        uint256 rsETHPrice = lrtOracle.rsETHPrice();
        uint256 assetPrice = lrtOracle.getAssetPrice(asset);
        require(rsETHPrice >= minimumRsEthPrice && rsETHPrice <= maximumRsEthPrice, "RsETHPriceOutOfPriceRange");
        require(assetPrice >= minimumAssetPrice && assetPrice <= maximumAssetPrice, "AssetPriceOutOfPriceRange");
        (rsETHBurned, assetAmountUnlocked) = _unlock(asset, firstExcludedIndex, rsETHPrice, assetPrice);
        emit AssetUnlocked(asset, rsETHBurned, assetAmountUnlocked, rsETHPrice, assetPrice);
    }

    function _unlock(address asset, uint256 firstExcludedIndex, uint256 rsETHPrice, uint256 assetPrice)
        private
        returns (uint256 rsETHBurned, uint256 assetAmountUnlocked)
    {
        uint256 available = address(this).balance - unlockedUnpaid;
        if (available == 0) revert AmountMustBeGreaterThanZero();
        if (firstExcludedIndex > nextUnusedNonce[asset]) firstExcludedIndex = nextUnusedNonce[asset];
        uint256 n = nextLockedNonce[asset];
        if (n >= firstExcludedIndex) revert NoPendingWithdrawals();
        while (n < firstExcludedIndex) {
            WithdrawalRequest storage r = withdrawalRequests[getRequestId(asset, n)];
            if (block.number < r.withdrawalStartBlock + withdrawalDelayBlocks) break;
            uint256 payout = _payout(r, rsETHPrice, assetPrice);
            if (available < payout) break;
            assetsCommitted[asset] -= r.expectedAssetAmount;
            r.expectedAssetAmount = payout;
            rsETHBurned += r.rsETHUnstaked;
            available -= payout;
            assetAmountUnlocked += payout;
            n++;
        }
        nextLockedNonce[asset] = n;
        unlockedUnpaid += assetAmountUnlocked;
    }

    /// ETH unlockQueue(ETH, firstExcludedIndex, …) would pay out at today's prices, ignoring the delay (the
    /// scenario mines past it first).
    function ethToUnlock(uint256 firstExcludedIndex) external view returns (uint256 total) {
        uint256 rsETHPrice = lrtOracle.rsETHPrice();
        uint256 assetPrice = lrtOracle.getAssetPrice(ETH_TOKEN);
        uint256 last = firstExcludedIndex > nextUnusedNonce[ETH_TOKEN] ? nextUnusedNonce[ETH_TOKEN] : firstExcludedIndex;
        for (uint256 n = nextLockedNonce[ETH_TOKEN]; n < last; n++) {
            total += _payout(withdrawalRequests[getRequestId(ETH_TOKEN, n)], rsETHPrice, assetPrice);
        }
    }

    function _payout(WithdrawalRequest storage r, uint256 rsETHPrice, uint256 assetPrice) private view returns (uint256) {
        uint256 current = r.rsETHUnstaked * rsETHPrice / assetPrice;
        return r.expectedAssetAmount < current ? r.expectedAssetAmount : current;
    }

    function setWithdrawalDelayBlocks(uint256 value) external onlyAdmin { withdrawalDelayBlocks = value; }

    function setMinRsEthAmountToWithdraw(address asset, uint256 value) external onlyAdmin { minRsEthAmountToWithdraw[asset] = value; }
}
