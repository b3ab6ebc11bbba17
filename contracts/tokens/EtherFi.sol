// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {Initializable, Allowances, Permit, ERC20Plain, OTHER_HOLDERS} from "./base/ERC20Base.sol";

interface IEETH {
    function mintShares(address user, uint256 share) external;
    function burnShares(address user, uint256 share) external;
    function totalShares() external view returns (uint256);
    function transferFrom(address from, address to, uint256 amount) external returns (bool);
}

interface IEtherFiNodeBalance {
    function getAssetBalance(address asset) external view returns (uint256);
}

interface IWithdrawRequestNFTForPool {
    function requestWithdraw(uint96 amountOfEEth, uint96 shareOfEEth, address recipient) external returns (uint256);
}

/// Test double of ether.fi LiquidityPool (0x308861A4…F216): holds the pooled ETH figure that eETH
/// balances and the weETH rate are derived from.
contract EtherFiLiquidityPool is Initializable {
    event Deposit(address indexed sender, uint256 amount, uint8 source, address referral);
    event Rebased(uint256 previousTotalPooledEther, uint256 newTotalPooledEther);

    IEETH public eETH;
    uint256 private totalPooledEther;
    bool public paused;

    function initialize(address eETHAddress, uint256 initialPooledEther) external initializer {
        eETH = IEETH(eETHAddress);
        totalPooledEther = initialPooledEther;
    }

    function getTotalPooledEther() public view returns (uint256) { return totalPooledEther; }

    function sharesForAmount(uint256 amount) public view returns (uint256) {
        if (totalPooledEther == 0) return 0;
        return amount * eETH.totalShares() / totalPooledEther;
    }

    function amountForShare(uint256 share) public view returns (uint256) {
        uint256 total = eETH.totalShares();
        if (total == 0) return 0;
        return share * totalPooledEther / total;
    }

    function deposit() external payable returns (uint256) { return _deposit(address(0)); }

    function deposit(address referral) external payable returns (uint256) { return _deposit(referral); }

    function _deposit(address referral) private returns (uint256) {
        require(!paused, "Pausable: paused");
        uint256 share = eETH.totalShares() == 0 ? msg.value : sharesForAmount(msg.value);
        require(share > 0, "Invalid amount");
        totalPooledEther += msg.value;
        eETH.mintShares(msg.sender, share);
        emit Deposit(msg.sender, msg.value, 0, referral);
        return share;
    }

    /// Devnet admin: what MembershipManager.rebase does after an oracle report.
    function setTotalPooledEther(uint256 newTotalPooledEther) external onlyAdmin {
        emit Rebased(totalPooledEther, newTotalPooledEther);
        totalPooledEther = newTotalPooledEther;
    }

    function setPaused(bool value) external onlyAdmin { paused = value; }

    // --- Withdrawals (mainnet LiquidityPool.requestWithdraw / withdraw, src/core/LiquidityPool.sol) ---
    event Withdraw(address indexed sender, address recipient, uint256 amount, uint8 source);

    /// The WithdrawRequestNFT double (0x7d5706f6…4E2c); set by the devnet seed.
    address public withdrawRequestNFT;

    function setWithdrawRequestNFT(address nft) external onlyAdmin { withdrawRequestNFT = nft; }

    /// Pulls `amount` eETH from the caller into the WithdrawRequestNFT and mints the caller-chosen recipient a
    /// request NFT (the caller approves eETH to this pool first). Mainnet also checks min/max amounts and a blacklist.
    function requestWithdraw(address recipient, uint256 amount) external returns (uint256) {
        require(!paused, "Pausable: paused");
        require(amount > 0, "InvalidWithdrawalAmount");
        uint256 share = sharesForAmount(amount);
        require(share > 0, "InvalidShareAmount");
        eETH.transferFrom(msg.sender, withdrawRequestNFT, amount);
        uint256 requestId = IWithdrawRequestNFTForPool(withdrawRequestNFT).requestWithdraw(uint96(amount), uint96(share), recipient);
        emit Withdraw(msg.sender, recipient, amount, 0);
        return requestId;
    }

    /// Called by the WithdrawRequestNFT on a claim: the paid ETH leaves the pool's books, the request's shares burn.
    function withdraw(uint256 amount, uint256 share) external {
        require(msg.sender == withdrawRequestNFT, "IncorrectCaller");
        require(amount > 0 && share > 0, "InvalidAmount");
        totalPooledEther -= amount;
        eETH.burnShares(msg.sender, share);
    }

    // --- Oracle report over the nodes (mainnet: EtherFiOracle → EtherFiAdmin → MembershipManager.rebase, whose
    // accruedRewards carry the validators' and EigenPods' balance changes). The devnet's nodes restake stETH
    // (no beacon chain), so a report reads each node's EigenLayer withdrawable balance (a slash shows in it).
    address[] private _reportNodes;
    address public reportAsset;
    /// What the last report booked for the nodes; the pooled ETH moves by the change at the next report only.
    uint256 public nodesEthBooked;

    /// Set-up: the nodes' present balance counts as booked already (part of the initial pooled ETH): no rate change.
    function setReportNodes(address[] calldata nodes, address asset) external onlyAdmin {
        _reportNodes = nodes;
        reportAsset = asset;
        nodesEthBooked = nodesEth();
    }

    function nodesEth() public view returns (uint256 total) {
        for (uint256 i = 0; i < _reportNodes.length; i++) total += IEtherFiNodeBalance(_reportNodes[i]).getAssetBalance(reportAsset);
    }

    /// The oracle report's rebase: pooled ETH += (nodes' balance now − booked).
    function rebaseFromNodes() external onlyAdmin {
        uint256 current = nodesEth();
        uint256 next = totalPooledEther + current - nodesEthBooked;
        emit Rebased(totalPooledEther, next);
        totalPooledEther = next;
        nodesEthBooked = current;
    }

    /// ETH per 1e18 shares rounded up (mainnet amountPerShareCeil, the rate a finalization freezes).
    function amountPerShareCeil() external view returns (uint256) {
        uint256 total = eETH.totalShares();
        if (total == 0) return 0;
        return (1 ether * totalPooledEther + total - 1) / total;
    }
}

interface ILiquidityPool {
    function sharesForAmount(uint256 amount) external view returns (uint256);
    function amountForShare(uint256 share) external view returns (uint256);
}

/// Test double of eETH (0x35fA1647…2ac8): rebasing through shares held in the LiquidityPool's books.
contract EETH is Permit {
    event TransferShare(address indexed from, address indexed to, uint256 sharesValue);

    ILiquidityPool public liquidityPool;
    mapping(address => uint256) public shares;
    uint256 public totalShares;

    function name() public pure override returns (string memory) { return "ether.fi ETH"; }
    function symbol() public pure override returns (string memory) { return "eETH"; }

    function initialize(address pool, uint256 initialShares) external initializer {
        liquidityPool = ILiquidityPool(pool);
        shares[OTHER_HOLDERS] = initialShares;
        totalShares = initialShares;
    }

    function mintShares(address user, uint256 share) external {
        require(msg.sender == address(liquidityPool), "Only pool contract function");
        shares[user] += share;
        totalShares += share;
        emit Transfer(address(0), user, liquidityPool.amountForShare(share));
        emit TransferShare(address(0), user, share);
    }

    function burnShares(address user, uint256 share) external {
        require(msg.sender == address(liquidityPool), "Only pool contract function");
        require(shares[user] >= share, "BURN_AMOUNT_EXCEEDS_BALANCE");
        shares[user] -= share;
        totalShares -= share;
        emit TransferShare(user, address(0), share);
    }

    function balanceOf(address user) public view returns (uint256) { return liquidityPool.amountForShare(shares[user]); }
    function totalSupply() external view returns (uint256) { return liquidityPool.amountForShare(totalShares); }

    function transfer(address to, uint256 amount) external returns (bool) {
        _transfer(msg.sender, to, amount);
        return true;
    }

    function transferFrom(address from, address to, uint256 amount) external returns (bool) {
        _spendAllowance(from, amount);
        _transfer(from, to, amount);
        return true;
    }

    function _transfer(address from, address to, uint256 amount) private {
        uint256 share = liquidityPool.sharesForAmount(amount);
        require(shares[from] >= share, "TRANSFER_AMOUNT_EXCEEDS_BALANCE");
        require(to != address(0), "TRANSFER_TO_THE_ZERO_ADDRESS");
        shares[from] -= share;
        shares[to] += share;
        emit Transfer(from, to, amount);
        emit TransferShare(from, to, share);
    }
}

interface IEETHToken {
    function transferFrom(address from, address to, uint256 amount) external returns (bool);
    function transfer(address to, uint256 amount) external returns (bool);
}

/// Test double of weETH (0xCd5fE23C…b7ee): one weETH is one eETH share.
contract WeETH is ERC20Plain, Permit {
    IEETHToken public eETH;
    ILiquidityPool public liquidityPool;

    function name() public pure override returns (string memory) { return "Wrapped eETH"; }
    function symbol() public pure override returns (string memory) { return "weETH"; }

    function initialize(address eETHAddress, address pool) external initializer {
        eETH = IEETHToken(eETHAddress);
        liquidityPool = ILiquidityPool(pool);
    }

    function wrap(uint256 eETHAmount) external returns (uint256) {
        require(eETHAmount > 0, "weETH: can't wrap zero eETH");
        uint256 weEthAmount = liquidityPool.sharesForAmount(eETHAmount);
        _mint(msg.sender, weEthAmount);
        eETH.transferFrom(msg.sender, address(this), eETHAmount);
        return weEthAmount;
    }

    function unwrap(uint256 weETHAmount) external returns (uint256) {
        require(weETHAmount > 0, "Cannot unwrap a zero amount");
        uint256 eETHAmount = liquidityPool.amountForShare(weETHAmount);
        _burn(msg.sender, weETHAmount);
        eETH.transfer(msg.sender, eETHAmount);
        return eETHAmount;
    }

    function getWeETHByeETH(uint256 eETHAmount) external view returns (uint256) { return liquidityPool.sharesForAmount(eETHAmount); }
    function getEETHByWeETH(uint256 weETHAmount) public view returns (uint256) { return liquidityPool.amountForShare(weETHAmount); }
    function getRate() external view returns (uint256) { return getEETHByWeETH(1 ether); }
}
