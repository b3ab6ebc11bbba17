// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {Initializable} from "../tokens/base/ERC20Base.sol";

/// Test doubles of the Swell LRT registries rswETH reaches its EigenLayerManager through (SwellNetwork/v3-core-public
/// @ ba1eeff1, contracts/lrt/contracts/implementations/): AccessControlManager.sol (`DepositManager`, `rswETH`),
/// DepositManager.sol (`eigenLayerManager`) and EigenLayerManager.sol (`stakeId`, `stakerProxyAddresses`, ids from 1).
/// Their mainnet addresses are in no deployment file found, so the devnet places them at devnet addresses: the wallet
/// only ever reaches them from rswETH (0xFAe103DC…a6c0), which the seed points at the access control manager.
contract SwellAccessControlManagerDouble is Initializable {
    address public rswETH;
    address public DepositManager;

    function initialize(address rswETH_, address depositManager_) external initializer {
        rswETH = rswETH_;
        DepositManager = depositManager_;
    }
}

contract SwellDepositManagerDouble is Initializable {
    address public eigenLayerManager;

    function initialize(address eigenLayerManager_) external initializer {
        eigenLayerManager = eigenLayerManager_;
    }
}

contract SwellEigenLayerManagerDouble is Initializable {
    uint256 public stakeId;
    mapping(uint256 => address) public stakerProxyAddresses;

    function initialize() external initializer {}

    /// What createStakerAndPod records for each new proxy (mainnet deploys a beacon proxy; the seed places an LrtStaker).
    function registerStakerProxy(address proxy) external onlyAdmin {
        ++stakeId;
        stakerProxyAddresses[stakeId] = proxy;
    }
}
