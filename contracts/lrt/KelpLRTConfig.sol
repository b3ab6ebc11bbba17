// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {Initializable} from "../tokens/base/ERC20Base.sol";

/// Test double of Kelp LRTConfig (0x947Cb493…5ec7): the registry of Kelp's contracts by role key
/// (LRTConstants, e.g. keccak256("LRT_DEPOSIT_POOL")).
contract KelpLRTConfig is Initializable {
    mapping(bytes32 => address) private _contracts;

    function initialize() external initializer {}

    function getContract(bytes32 contractKey) external view returns (address) {
        return _contracts[contractKey];
    }

    function setContract(bytes32 contractKey, address contractAddress) external onlyAdmin {
        _contracts[contractKey] = contractAddress;
    }
}
