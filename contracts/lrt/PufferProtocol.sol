// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {Initializable} from "../tokens/base/ERC20Base.sol";

/// Test double of PufferProtocol (0xf7b6B324…238B), the module-list part only: module names in
/// rotation (getModuleWeights) and the module contract per name (getModuleAddress). On mainnet
/// createPufferModule deploys the module through the PufferModuleManager; here the admin registers one.
contract PufferProtocolDouble is Initializable {
    bytes32[] private _moduleWeights;
    mapping(bytes32 => address) private _modules;

    error ModuleAlreadyExists();

    function initialize() external initializer {}

    function getModuleWeights() external view returns (bytes32[] memory) {
        return _moduleWeights;
    }

    function getModuleAddress(bytes32 moduleName) external view returns (address) {
        return _modules[moduleName];
    }

    function registerModule(bytes32 moduleName, address module) external onlyAdmin {
        if (_modules[moduleName] != address(0)) revert ModuleAlreadyExists();
        _modules[moduleName] = module;
        _moduleWeights.push(moduleName);
    }
}
