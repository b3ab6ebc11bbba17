// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

interface ISymbioticCollateral {
    function balanceOf(address) external view returns (uint256);
    function transfer(address to, uint256 amount) external returns (bool);
    function transferFrom(address from, address to, uint256 amount) external returns (bool);
}

/// Double of a Symbiotic v1 Vault (symbioticfi/core v1.0.3 `Vault.sol`), same view/mutator ABI and the
/// same ERC4626Math (offset 0) share math, epoch withdrawals and pro-rata `onSlash`. Devnet differences:
/// no checkpoints (the `...At` historical views are missing), no delegator/slasher factories (the
/// slasher is an address the owner sets, the owner by default), no whitelist or deposit limit.
contract SymbioticVault {
    address public owner;
    address public collateral;
    address public burner;
    address public slasher;
    address public delegator;
    uint48 public epochDurationInit;
    uint48 public epochDuration;

    uint256 public activeStake;
    uint256 public activeShares;
    mapping(address => uint256) public activeSharesOf;
    mapping(uint256 => uint256) public withdrawals;
    mapping(uint256 => uint256) public withdrawalShares;
    mapping(uint256 => mapping(address => uint256)) public withdrawalSharesOf;
    mapping(uint256 => mapping(address => bool)) public isWithdrawalsClaimed;

    event Deposit(address indexed depositor, address indexed onBehalfOf, uint256 amount, uint256 shares);
    event Withdraw(address indexed withdrawer, address indexed claimer, uint256 amount, uint256 burnedShares, uint256 mintedShares);
    event Claim(address indexed claimer, address indexed recipient, uint256 epoch, uint256 amount);
    event OnSlash(uint256 amount, uint48 captureTimestamp, uint256 slashedAmount);

    error AlreadyInitialized();
    error NotOwner();
    error NotSlasher();
    error InvalidOnBehalfOf();
    error InsufficientDeposit();
    error InvalidClaimer();
    error InsufficientWithdrawal();
    error TooMuchWithdraw();
    error InvalidRecipient();
    error InvalidEpoch();
    error AlreadyClaimed();
    error InsufficientClaim();
    error InvalidTimestamp();
    error InvalidCaptureEpoch();

    function initialize(address owner_, address collateral_, address burner_, uint48 epochDuration_) external {
        if (owner != address(0)) revert AlreadyInitialized();
        owner = owner_;
        collateral = collateral_;
        burner = burner_;
        slasher = owner_;
        epochDurationInit = uint48(block.timestamp);
        epochDuration = epochDuration_;
    }

    function setSlasher(address slasher_) external {
        if (msg.sender != owner) revert NotOwner();
        slasher = slasher_;
    }

    /// Devnet: the delegator a VaultConfigurator would have created with the vault.
    function setDelegator(address delegator_) external {
        if (msg.sender != owner) revert NotOwner();
        delegator = delegator_;
    }

    function version() external pure returns (uint64) {
        return 1;
    }

    function isInitialized() external view returns (bool) {
        return owner != address(0);
    }

    // --- epochs ---------------------------------------------------------------------------------------

    function epochAt(uint48 timestamp) public view returns (uint256) {
        if (timestamp < epochDurationInit) revert InvalidTimestamp();
        return (timestamp - epochDurationInit) / epochDuration;
    }

    function currentEpoch() public view returns (uint256) {
        return (block.timestamp - epochDurationInit) / epochDuration;
    }

    function currentEpochStart() public view returns (uint48) {
        return uint48(epochDurationInit + currentEpoch() * epochDuration);
    }

    function previousEpochStart() external view returns (uint48) {
        uint256 epoch = currentEpoch();
        if (epoch == 0) revert InvalidEpoch();
        return uint48(epochDurationInit + (epoch - 1) * epochDuration);
    }

    function nextEpochStart() external view returns (uint48) {
        return uint48(epochDurationInit + (currentEpoch() + 1) * epochDuration);
    }

    // --- balances -------------------------------------------------------------------------------------

    function totalStake() public view returns (uint256) {
        uint256 epoch = currentEpoch();
        return activeStake + withdrawals[epoch] + withdrawals[epoch + 1];
    }

    function activeBalanceOf(address account) public view returns (uint256) {
        return _previewRedeem(activeSharesOf[account], activeStake, activeShares);
    }

    function withdrawalsOf(uint256 epoch, address account) public view returns (uint256) {
        return _previewRedeem(withdrawalSharesOf[epoch][account], withdrawals[epoch], withdrawalShares[epoch]);
    }

    function slashableBalanceOf(address account) external view returns (uint256) {
        uint256 epoch = currentEpoch();
        return activeBalanceOf(account) + withdrawalsOf(epoch, account) + withdrawalsOf(epoch + 1, account);
    }

    // --- mutators -------------------------------------------------------------------------------------

    function deposit(address onBehalfOf, uint256 amount) external returns (uint256 depositedAmount, uint256 mintedShares) {
        if (onBehalfOf == address(0)) revert InvalidOnBehalfOf();
        uint256 balanceBefore = ISymbioticCollateral(collateral).balanceOf(address(this));
        require(ISymbioticCollateral(collateral).transferFrom(msg.sender, address(this), amount), "Vault: transferFrom failed");
        depositedAmount = ISymbioticCollateral(collateral).balanceOf(address(this)) - balanceBefore;
        if (depositedAmount == 0) revert InsufficientDeposit();

        mintedShares = _previewDeposit(depositedAmount, activeShares, activeStake);
        activeStake += depositedAmount;
        activeShares += mintedShares;
        activeSharesOf[onBehalfOf] += mintedShares;
        emit Deposit(msg.sender, onBehalfOf, depositedAmount, mintedShares);
    }

    /// Moves `amount` of active stake into the withdrawals of the next epoch, claimable after it ends.
    function withdraw(address claimer, uint256 amount) external returns (uint256 burnedShares, uint256 mintedShares) {
        if (claimer == address(0)) revert InvalidClaimer();
        if (amount == 0) revert InsufficientWithdrawal();
        burnedShares = _mulDiv(amount, activeShares + 1, activeStake + 1, true);
        if (burnedShares > activeSharesOf[msg.sender]) revert TooMuchWithdraw();

        activeSharesOf[msg.sender] -= burnedShares;
        activeShares -= burnedShares;
        activeStake -= amount;

        uint256 epoch = currentEpoch() + 1;
        mintedShares = _previewDeposit(amount, withdrawalShares[epoch], withdrawals[epoch]);
        withdrawals[epoch] += amount;
        withdrawalShares[epoch] += mintedShares;
        withdrawalSharesOf[epoch][claimer] += mintedShares;
        emit Withdraw(msg.sender, claimer, amount, burnedShares, mintedShares);
    }

    function claim(address recipient, uint256 epoch) external returns (uint256 amount) {
        if (recipient == address(0)) revert InvalidRecipient();
        if (epoch >= currentEpoch()) revert InvalidEpoch();
        if (isWithdrawalsClaimed[epoch][msg.sender]) revert AlreadyClaimed();
        amount = withdrawalsOf(epoch, msg.sender);
        if (amount == 0) revert InsufficientClaim();
        isWithdrawalsClaimed[epoch][msg.sender] = true;
        require(ISymbioticCollateral(collateral).transfer(recipient, amount), "Vault: transfer failed");
        emit Claim(msg.sender, recipient, epoch, amount);
    }

    /// Symbiotic v1.0.3 onSlash: pro-rata over active stake and the withdrawals still slashable for the
    /// capture epoch; the slashed collateral goes to the burner.
    function onSlash(uint256 amount, uint48 captureTimestamp) external returns (uint256 slashedAmount) {
        if (msg.sender != slasher) revert NotSlasher();
        uint256 currentEpoch_ = currentEpoch();
        uint256 captureEpoch = epochAt(captureTimestamp);
        if ((currentEpoch_ > 0 && captureEpoch < currentEpoch_ - 1) || captureEpoch > currentEpoch_) revert InvalidCaptureEpoch();

        uint256 activeStake_ = activeStake;
        uint256 nextWithdrawals = withdrawals[currentEpoch_ + 1];
        if (captureEpoch == currentEpoch_) {
            uint256 slashableStake = activeStake_ + nextWithdrawals;
            slashedAmount = amount < slashableStake ? amount : slashableStake;
            if (slashedAmount > 0) {
                uint256 activeSlashed = _mulDiv(slashedAmount, activeStake_, slashableStake, false);
                activeStake = activeStake_ - activeSlashed;
                withdrawals[currentEpoch_ + 1] = nextWithdrawals - (slashedAmount - activeSlashed);
            }
        } else {
            uint256 withdrawals_ = withdrawals[currentEpoch_];
            uint256 slashableStake = activeStake_ + withdrawals_ + nextWithdrawals;
            slashedAmount = amount < slashableStake ? amount : slashableStake;
            if (slashedAmount > 0) {
                uint256 activeSlashed = _mulDiv(slashedAmount, activeStake_, slashableStake, false);
                uint256 nextWithdrawalsSlashed = _mulDiv(slashedAmount, nextWithdrawals, slashableStake, false);
                uint256 withdrawalsSlashed = slashedAmount - activeSlashed - nextWithdrawalsSlashed;
                if (withdrawals_ < withdrawalsSlashed) {
                    nextWithdrawalsSlashed += withdrawalsSlashed - withdrawals_;
                    withdrawalsSlashed = withdrawals_;
                }
                activeStake = activeStake_ - activeSlashed;
                withdrawals[currentEpoch_ + 1] = nextWithdrawals - nextWithdrawalsSlashed;
                withdrawals[currentEpoch_] = withdrawals_ - withdrawalsSlashed;
            }
        }
        if (slashedAmount > 0) {
            require(ISymbioticCollateral(collateral).transfer(burner, slashedAmount), "Vault: burn transfer failed");
        }
        emit OnSlash(amount, captureTimestamp, slashedAmount);
    }

    // --- ERC4626Math with a zero decimals offset ------------------------------------------------------

    function _previewDeposit(uint256 assets, uint256 totalShares, uint256 totalAssets) internal pure returns (uint256) {
        return _mulDiv(assets, totalShares + 1, totalAssets + 1, false);
    }

    function _previewRedeem(uint256 shares, uint256 totalAssets, uint256 totalShares) internal pure returns (uint256) {
        return _mulDiv(shares, totalAssets + 1, totalShares + 1, false);
    }

    function _mulDiv(uint256 x, uint256 y, uint256 d, bool roundUp) internal pure returns (uint256) {
        uint256 p = x * y;
        return p / d + (roundUp && p % d != 0 ? 1 : 0);
    }
}
