// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {Initializable} from "../tokens/base/ERC20Base.sol";

interface IMellowCollateral {
    function balanceOf(address) external view returns (uint256);
    function approve(address spender, uint256 amount) external returns (bool);
    function transferFrom(address from, address to, uint256 amount) external returns (bool);
}

interface IMellowSymbioticTarget {
    function activeBalanceOf(address) external view returns (uint256);
    function deposit(address onBehalfOf, uint256 amount) external returns (uint256, uint256);
}

/// The ERC-20 / ERC-4626 side both Mellow shapes share (OpenZeppelin ERC4626Upgradeable with a zero decimals
/// offset, as simple-lrt's MellowSymbioticVault inherits it): shares over wstETH, `totalAssets()` = idle wstETH +
/// the LRT's active balance in its Symbiotic vault read at call time (simple-lrt src/MellowSymbioticVault.sol
/// totalAssets), so a slash of the Symbiotic vault shows in `convertToAssets` at once. `deposit` pushes the
/// wstETH into the Symbiotic vault, as pushIntoSymbiotic does. Devnet differences: no withdrawal queue, no
/// default collateral, no deposit limit or whitelist.
abstract contract MellowShares is Initializable {
    event Transfer(address indexed from, address indexed to, uint256 value);
    event Approval(address indexed owner, address indexed spender, uint256 value);
    event Deposit(address indexed sender, address indexed owner, uint256 assets, uint256 shares);

    string public symbol;
    address public asset;
    uint256 public totalSupply;
    mapping(address => uint256) public balanceOf;
    mapping(address => mapping(address => uint256)) public allowance;

    function _stakeVault() internal view virtual returns (address);

    function name() external view returns (string memory) {
        return symbol;
    }

    function decimals() external pure returns (uint8) {
        return 18;
    }

    function totalAssets() public view returns (uint256) {
        address v = _stakeVault();
        uint256 staked = v == address(0) ? 0 : IMellowSymbioticTarget(v).activeBalanceOf(address(this));
        return IMellowCollateral(asset).balanceOf(address(this)) + staked;
    }

    function convertToAssets(uint256 shares) public view returns (uint256) {
        return (shares * (totalAssets() + 1)) / (totalSupply + 1);
    }

    function convertToShares(uint256 assets) public view returns (uint256) {
        return (assets * (totalSupply + 1)) / (totalAssets() + 1);
    }

    function previewDeposit(uint256 assets) external view returns (uint256) {
        return convertToShares(assets);
    }

    function deposit(uint256 assets, address receiver) external returns (uint256 shares) {
        shares = convertToShares(assets);
        require(shares > 0, "Mellow: zero shares");
        require(IMellowCollateral(asset).transferFrom(msg.sender, address(this), assets), "Mellow: transferFrom failed");
        totalSupply += shares;
        balanceOf[receiver] += shares;
        emit Transfer(address(0), receiver, shares);
        emit Deposit(msg.sender, receiver, assets, shares);
        address v = _stakeVault();
        if (v != address(0)) {
            IMellowCollateral(asset).approve(v, assets);
            IMellowSymbioticTarget(v).deposit(address(this), assets);
        }
    }

    function approve(address spender, uint256 amount) external returns (bool) {
        allowance[msg.sender][spender] = amount;
        emit Approval(msg.sender, spender, amount);
        return true;
    }

    function transfer(address to, uint256 amount) external returns (bool) {
        _transfer(msg.sender, to, amount);
        return true;
    }

    function transferFrom(address from, address to, uint256 amount) external returns (bool) {
        if (from != msg.sender) {
            uint256 current = allowance[from][msg.sender];
            if (current != type(uint256).max) {
                require(current >= amount, "ERC20: insufficient allowance");
                allowance[from][msg.sender] = current - amount;
            }
        }
        _transfer(from, to, amount);
        return true;
    }

    function _transfer(address from, address to, uint256 amount) internal {
        require(balanceOf[from] >= amount, "ERC20: transfer amount exceeds balance");
        balanceOf[from] -= amount;
        balanceOf[to] += amount;
        emit Transfer(from, to, amount);
    }
}

/// Double of a Mellow LRT in the simple-lrt shape (mellow-finance/simple-lrt MellowVaultCompat /
/// MellowSymbioticVault): ERC-4626 over wstETH, the token's `symbol()`, and `symbioticVault()`, the
/// Symbiotic vault it deposits into.
contract MellowSymbioticVault is MellowShares {
    address public symbioticVault;

    function initialize(string calldata symbol_, address asset_, address symbioticVault_) external initializer {
        symbol = symbol_;
        asset = asset_;
        symbioticVault = symbioticVault_;
    }

    function setSymbioticVault(address symbioticVault_) external onlyAdmin {
        symbioticVault = symbioticVault_;
    }

    function _stakeVault() internal view override returns (address) {
        return symbioticVault;
    }
}

/// Double of a Mellow LRT in the MultiVault shape (simple-lrt src/vaults/MultiVault.sol,
/// IMultiVaultStorage.Subvault): `subvaultsCount()` and `subvaultAt(i)` → (protocol, vault, withdrawalQueue),
/// protocol 0 = SYMBIOTIC. It has no `symbioticVault()`, as the real MultiVault has none. Deposits and
/// totalAssets go through its first SYMBIOTIC subvault.
contract MellowMultiVault is MellowShares {
    enum Protocol {
        SYMBIOTIC,
        EIGEN_LAYER,
        ERC4626
    }

    struct Subvault {
        Protocol protocol;
        address vault;
        address withdrawalQueue;
    }

    Subvault[] private _subvaults;

    function initialize(string calldata symbol_, address asset_) external initializer {
        symbol = symbol_;
        asset = asset_;
    }

    function addSubvault(Protocol protocol, address vault, address withdrawalQueue) external onlyAdmin {
        _subvaults.push(Subvault(protocol, vault, withdrawalQueue));
    }

    function subvaultsCount() external view returns (uint256) {
        return _subvaults.length;
    }

    function subvaultAt(uint256 index) external view returns (Subvault memory) {
        return _subvaults[index];
    }

    function _stakeVault() internal view override returns (address) {
        for (uint256 i = 0; i < _subvaults.length; i++) {
            if (_subvaults[i].protocol == Protocol.SYMBIOTIC) return _subvaults[i].vault;
        }
        return address(0);
    }
}
