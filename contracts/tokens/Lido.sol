// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {Allowances, Permit, ERC20Plain, OTHER_HOLDERS} from "./base/ERC20Base.sol";

/// Test double of Lido stETH (0xae7ab965…fE84): balances are shares × totalPooledEther / totalShares,
/// so changing totalPooledEther rebases every holder, as the oracle report does on mainnet.
contract StETH is Permit {
    event TransferShares(address indexed from, address indexed to, uint256 sharesValue);
    event Submitted(address indexed sender, uint256 amount, address referral);
    event TokenRebased(uint256 preTotalEther, uint256 postTotalEther, uint256 totalShares);
    event Paused();
    event Resumed();

    mapping(address => uint256) private shares;
    uint256 private totalShares;
    uint256 private totalPooledEther;
    bool public paused;

    function name() public pure override returns (string memory) { return "Liquid staked Ether 2.0"; }
    function symbol() public pure override returns (string memory) { return "stETH"; }
    function eip712Version() internal pure override returns (string memory) { return "2"; }

    /// Existing stake: `initialShares` held by other holders, backed by `initialPooledEther`.
    function initialize(uint256 initialShares, uint256 initialPooledEther) external initializer {
        shares[OTHER_HOLDERS] = initialShares;
        totalShares = initialShares;
        totalPooledEther = initialPooledEther;
        emit TransferShares(address(0), OTHER_HOLDERS, initialShares);
    }

    function submit(address referral) external payable returns (uint256) {
        require(!paused, "STAKING_PAUSED");
        require(msg.value != 0, "ZERO_DEPOSIT");
        uint256 sharesAmount = getSharesByPooledEth(msg.value);
        totalPooledEther += msg.value;
        totalShares += sharesAmount;
        shares[msg.sender] += sharesAmount;
        emit Submitted(msg.sender, msg.value, referral);
        emit Transfer(address(0), msg.sender, getPooledEthByShares(sharesAmount));
        emit TransferShares(address(0), msg.sender, sharesAmount);
        return sharesAmount;
    }

    function totalSupply() external view returns (uint256) { return totalPooledEther; }
    function getTotalPooledEther() external view returns (uint256) { return totalPooledEther; }
    function getTotalShares() external view returns (uint256) { return totalShares; }
    function sharesOf(address account) external view returns (uint256) { return shares[account]; }
    function balanceOf(address account) external view returns (uint256) { return getPooledEthByShares(shares[account]); }

    function getSharesByPooledEth(uint256 ethAmount) public view returns (uint256) {
        if (totalPooledEther == 0) return ethAmount;
        return ethAmount * totalShares / totalPooledEther;
    }

    function getPooledEthByShares(uint256 sharesAmount) public view returns (uint256) {
        if (totalShares == 0) return 0;
        return sharesAmount * totalPooledEther / totalShares;
    }

    function transfer(address to, uint256 amount) external returns (bool) {
        _transferShares(msg.sender, to, getSharesByPooledEth(amount), amount);
        return true;
    }

    function transferFrom(address from, address to, uint256 amount) external returns (bool) {
        _spendAllowance(from, amount);
        _transferShares(from, to, getSharesByPooledEth(amount), amount);
        return true;
    }

    function transferShares(address to, uint256 sharesAmount) external returns (uint256) {
        uint256 amount = getPooledEthByShares(sharesAmount);
        _transferShares(msg.sender, to, sharesAmount, amount);
        return amount;
    }

    function transferSharesFrom(address from, address to, uint256 sharesAmount) external returns (uint256) {
        uint256 amount = getPooledEthByShares(sharesAmount);
        _spendAllowance(from, amount);
        _transferShares(from, to, sharesAmount, amount);
        return amount;
    }

    function _transferShares(address from, address to, uint256 sharesAmount, uint256 amount) private {
        require(to != address(0) && to != address(this), "TRANSFER_TO_ZERO_ADDR_OR_STETH_CONTRACT");
        require(shares[from] >= sharesAmount, "BALANCE_EXCEEDED");
        shares[from] -= sharesAmount;
        shares[to] += sharesAmount;
        emit Transfer(from, to, amount);
        emit TransferShares(from, to, sharesAmount);
    }

    /// Devnet admin: what an oracle report does (rewards or a slashing), applied at once.
    function setTotalPooledEther(uint256 newTotalPooledEther) external onlyAdmin {
        emit TokenRebased(totalPooledEther, newTotalPooledEther, totalShares);
        totalPooledEther = newTotalPooledEther;
    }

    function pauseStaking() external onlyAdmin { paused = true; emit Paused(); }
    function resumeStaking() external onlyAdmin { paused = false; emit Resumed(); }
}

interface IStETH {
    function submit(address referral) external payable returns (uint256);
    function getSharesByPooledEth(uint256 ethAmount) external view returns (uint256);
    function getPooledEthByShares(uint256 sharesAmount) external view returns (uint256);
    function transferFrom(address from, address to, uint256 amount) external returns (bool);
    function transfer(address to, uint256 amount) external returns (bool);
}

/// Test double of wstETH (0x7f39C581…2Ca0): one wstETH is one stETH share.
contract WstETH is ERC20Plain, Permit {
    IStETH public stETH;

    function name() public pure override returns (string memory) { return "Wrapped liquid staked Ether 2.0"; }
    function symbol() public pure override returns (string memory) { return "wstETH"; }

    function initialize(address stETHAddress) external initializer {
        stETH = IStETH(stETHAddress);
    }

    function wrap(uint256 stETHAmount) external returns (uint256) {
        require(stETHAmount > 0, "wstETH: can't wrap zero stETH");
        uint256 wstETHAmount = stETH.getSharesByPooledEth(stETHAmount);
        _mint(msg.sender, wstETHAmount);
        stETH.transferFrom(msg.sender, address(this), stETHAmount);
        return wstETHAmount;
    }

    function unwrap(uint256 wstETHAmount) external returns (uint256) {
        require(wstETHAmount > 0, "wstETH: zero amount unwrap not allowed");
        uint256 stETHAmount = stETH.getPooledEthByShares(wstETHAmount);
        _burn(msg.sender, wstETHAmount);
        stETH.transfer(msg.sender, stETHAmount);
        return stETHAmount;
    }

    /// Sending ETH stakes it with Lido and wraps the shares, as on mainnet.
    receive() external payable {
        uint256 sharesAmount = stETH.submit{value: msg.value}(address(0));
        _mint(msg.sender, sharesAmount);
    }

    function getWstETHByStETH(uint256 stETHAmount) external view returns (uint256) { return stETH.getSharesByPooledEth(stETHAmount); }
    function getStETHByWstETH(uint256 wstETHAmount) external view returns (uint256) { return stETH.getPooledEthByShares(wstETHAmount); }
    function stEthPerToken() external view returns (uint256) { return stETH.getPooledEthByShares(1 ether); }
    function tokensPerStEth() external view returns (uint256) { return stETH.getSharesByPooledEth(1 ether); }
}
