// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {Initializable} from "../tokens/base/ERC20Base.sol";

/// Double of a Mellow LRT's read side in the simple-lrt shape (mellow-finance/simple-lrt MellowVaultCompat /
/// MellowSymbioticVault): ERC-4626 `asset()` (wstETH), the token's `symbol()`, and `symbioticVault()`, the
/// Symbiotic vault it deposits into. Devnet difference: no shares, deposits or withdrawal queue.
contract MellowSymbioticVault is Initializable {
    string public symbol;
    address public asset;
    address public symbioticVault;

    function initialize(string calldata symbol_, address asset_, address symbioticVault_) external initializer {
        symbol = symbol_;
        asset = asset_;
        symbioticVault = symbioticVault_;
    }

    function setSymbioticVault(address symbioticVault_) external onlyAdmin {
        symbioticVault = symbioticVault_;
    }
}

/// Double of a Mellow LRT's read side in the MultiVault shape (simple-lrt src/vaults/MultiVault.sol,
/// IMultiVaultStorage.Subvault): `subvaultsCount()` and `subvaultAt(i)` → (protocol, vault, withdrawalQueue),
/// protocol 0 = SYMBIOTIC. It has no `symbioticVault()`, as the real MultiVault has none.
contract MellowMultiVault is Initializable {
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

    string public symbol;
    address public asset;
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
}
