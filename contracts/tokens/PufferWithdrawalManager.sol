// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {Initializable} from "./base/ERC20Base.sol";

interface IPufferVaultForWithdrawals {
    function convertToAssets(uint256 shares) external view returns (uint256);
    function transferFrom(address from, address to, uint256 amount) external returns (bool);
}

interface IWETHForWithdrawals {
    function deposit() external payable;
    function transfer(address to, uint256 amount) external returns (bool);
}

/// Test double of Puffer's PufferWithdrawalManager (0xDdA04831…0283; PufferFinance/puffer-contracts
/// mainnet-contracts/src/PufferWithdrawalManager.sol). Same signatures and batch logic: withdrawals are indexed
/// in one array, BATCH_SIZE (10, the mainnet deploy script's value) per batch, batch 0 is a stub; a request
/// records the vault's convertToAssets(1e18); finalizeWithdrawals(batch) needs full batches and freezes the rate;
/// completeQueuedWithdrawal pays amount × min(request rate, batch rate) as WETH to the recipient.
/// Differences: finalizeWithdrawals is admin-only and paid with msg.value (mainnet: the vault's transferETH);
/// pufETH stays here instead of being burned; fillBatch() (devnet admin) pads the open batch with empty slots
/// so a lone request can be finalized; no access manager, permit or excess-ETH return.
contract PufferWithdrawalManager is Initializable {
    struct Withdrawal {
        uint128 pufETHAmount;
        uint128 pufETHToETHExchangeRate;
        address recipient;
    }

    struct WithdrawalBatch {
        uint64 pufETHToETHExchangeRate;
        uint88 toBurn;
        uint96 toTransfer;
        uint128 withdrawalsClaimed;
        uint128 amountClaimed;
    }

    error NotFinalized();
    error WithdrawalAlreadyCompleted();
    error BatchesAreNotFull();
    error BatchAlreadyFinalized(uint256 batchIndex);
    error WithdrawalAmountTooLow();
    error WithdrawalAmountTooHigh();
    error WithdrawalToZeroAddress();

    event WithdrawalRequested(uint256 indexed withdrawalIdx, uint256 indexed batchIdx, uint256 pufETHAmount, address indexed recipient);
    event BatchFinalized(uint256 indexed batchIdx, uint256 expectedETHAmount, uint256 actualEthAmount, uint256 pufETHBurnAmount);
    event WithdrawalCompleted(uint256 indexed withdrawalIdx, uint256 ethPayoutAmount, uint256 payoutExchangeRate, address indexed recipient);

    uint256 public constant MIN_WITHDRAWAL_AMOUNT = 0.01 ether;
    uint256 public constant BATCH_SIZE = 10;

    IPufferVaultForWithdrawals public PUFFER_VAULT;
    IWETHForWithdrawals public WETH;
    uint256 private maxWithdrawalAmount;
    uint256 private finalizedWithdrawalBatch;
    Withdrawal[] private withdrawals;
    WithdrawalBatch[] private withdrawalBatches;

    function initialize(address vault, address weth, uint256 maxAmount) external initializer {
        PUFFER_VAULT = IPufferVaultForWithdrawals(vault);
        WETH = IWETHForWithdrawals(weth);
        maxWithdrawalAmount = maxAmount;
        for (uint256 i = 0; i < BATCH_SIZE; ++i) withdrawals.push(Withdrawal(0, 0, address(0)));
        withdrawalBatches.push(WithdrawalBatch(0, 0, 0, 0, 0));
    }

    receive() external payable {}

    function requestWithdrawal(uint128 pufETHAmount, address recipient) external {
        if (pufETHAmount < MIN_WITHDRAWAL_AMOUNT) revert WithdrawalAmountTooLow();
        if (pufETHAmount > maxWithdrawalAmount) revert WithdrawalAmountTooHigh();
        if (recipient == address(0)) revert WithdrawalToZeroAddress();
        PUFFER_VAULT.transferFrom(msg.sender, address(this), pufETHAmount);
        uint256 index = withdrawals.length;
        uint256 batchIndex = _openBatch(index);
        uint256 rate = PUFFER_VAULT.convertToAssets(1 ether);
        uint256 expected = uint256(pufETHAmount) * rate / 1 ether;
        WithdrawalBatch storage batch = withdrawalBatches[batchIndex];
        batch.toBurn += uint88(pufETHAmount);
        batch.toTransfer += uint96(expected);
        withdrawals.push(Withdrawal(pufETHAmount, uint128(rate), recipient));
        emit WithdrawalRequested(index, batchIndex, pufETHAmount, recipient);
    }

    function _openBatch(uint256 index) private returns (uint256 batchIndex) {
        batchIndex = index / BATCH_SIZE;
        if (batchIndex == withdrawalBatches.length) withdrawalBatches.push(WithdrawalBatch(0, 0, 0, 0, 0));
    }

    /// Devnet admin: empty slots up to the end of the open batch (mainnet waits for other users' requests).
    function fillBatch() external onlyAdmin {
        while (withdrawals.length % BATCH_SIZE != 0) {
            _openBatch(withdrawals.length);
            withdrawals.push(Withdrawal(0, 0, address(0)));
        }
    }

    /// ETH finalizeWithdrawals(withdrawalBatchIndex) needs at today's vault rate (the admin's msg.value).
    function ethToFinalize(uint256 withdrawalBatchIndex) public view returns (uint256 total) {
        uint256 rate = PUFFER_VAULT.convertToAssets(1 ether);
        for (uint256 i = finalizedWithdrawalBatch + 1; i <= withdrawalBatchIndex && i < withdrawalBatches.length; ++i) {
            WithdrawalBatch storage b = withdrawalBatches[i];
            uint256 atRate = uint256(b.toBurn) * rate / 1 ether;
            total += atRate < b.toTransfer ? atRate : b.toTransfer;
        }
    }

    function finalizeWithdrawals(uint256 withdrawalBatchIndex) external payable onlyAdmin {
        if (withdrawalBatchIndex >= withdrawals.length / BATCH_SIZE) revert BatchesAreNotFull();
        if (withdrawalBatchIndex <= finalizedWithdrawalBatch) revert BatchAlreadyFinalized(withdrawalBatchIndex);
        require(msg.value == ethToFinalize(withdrawalBatchIndex), "WrongEthToFinalize");
        uint256 rate = PUFFER_VAULT.convertToAssets(1 ether);
        for (uint256 i = finalizedWithdrawalBatch + 1; i <= withdrawalBatchIndex; ++i) {
            WithdrawalBatch storage b = withdrawalBatches[i];
            uint256 atRate = uint256(b.toBurn) * rate / 1 ether;
            b.pufETHToETHExchangeRate = uint64(rate);
            emit BatchFinalized(i, b.toTransfer, atRate < b.toTransfer ? atRate : b.toTransfer, b.toBurn);
        }
        finalizedWithdrawalBatch = withdrawalBatchIndex;
    }

    function completeQueuedWithdrawal(uint256 withdrawalIdx) external {
        uint256 batchIndex = withdrawalIdx / BATCH_SIZE;
        if (batchIndex > finalizedWithdrawalBatch) revert NotFinalized();
        Withdrawal storage w = withdrawals[withdrawalIdx];
        if (w.recipient == address(0)) revert WithdrawalAlreadyCompleted();
        uint256 batchRate = withdrawalBatches[batchIndex].pufETHToETHExchangeRate;
        uint256 payoutRate = w.pufETHToETHExchangeRate < batchRate ? w.pufETHToETHExchangeRate : batchRate;
        uint256 payout = uint256(w.pufETHAmount) * payoutRate / 1 ether;
        address recipient = w.recipient;
        withdrawalBatches[batchIndex].withdrawalsClaimed += 1;
        withdrawalBatches[batchIndex].amountClaimed += uint128(payout);
        delete withdrawals[withdrawalIdx];
        WETH.deposit{value: payout}();
        WETH.transfer(recipient, payout);
        emit WithdrawalCompleted(withdrawalIdx, payout, payoutRate, recipient);
    }

    function getFinalizedWithdrawalBatch() external view returns (uint256) { return finalizedWithdrawalBatch; }
    function getWithdrawalsLength() external view returns (uint256) { return withdrawals.length; }
    function getMaxWithdrawalAmount() external view returns (uint256) { return maxWithdrawalAmount; }

    function getWithdrawal(uint256 withdrawalIdx) external view returns (Withdrawal memory) {
        if (withdrawalIdx >= withdrawals.length) return Withdrawal(0, 0, address(0));
        return withdrawals[withdrawalIdx];
    }

    function getBatch(uint256 batchIdx) external view returns (WithdrawalBatch memory) {
        if (batchIdx >= withdrawalBatches.length) return WithdrawalBatch(0, 0, 0, 0, 0);
        return withdrawalBatches[batchIdx];
    }
}
