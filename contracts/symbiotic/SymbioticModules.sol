// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {Initializable} from "../tokens/base/ERC20Base.sol";

/// Double of a Symbiotic v1 registry or factory (symbioticfi/core v1.0.3 src/contracts/common/Registry.sol):
/// VaultFactory, DelegatorFactory, SlasherFactory, NetworkRegistry, OperatorRegistry all answer `isEntity`
/// and `totalEntities`. Devnet difference: entities are added by the admin instead of created or registered.
contract SymbioticRegistry is Initializable {
    mapping(address => bool) public isEntity;
    address[] private _entities;

    function initialize() external initializer {}

    function add(address entity) external onlyAdmin {
        if (isEntity[entity]) return;
        isEntity[entity] = true;
        _entities.push(entity);
    }

    function totalEntities() external view returns (uint256) {
        return _entities.length;
    }

    function entity(uint256 index) external view returns (address) {
        return _entities[index];
    }
}

/// Double of a Symbiotic v1 delegator's read side (IEntity.TYPE/FACTORY, IBaseDelegator.vault/maxNetworkLimit;
/// v1.0.3): the admin sets the per-subnetwork cap that a network sets on chain (setMaxNetworkLimit).
contract SymbioticDelegator is Initializable {
    uint64 public TYPE;
    address public FACTORY;
    address public vault;
    mapping(bytes32 => uint256) public maxNetworkLimit;

    function initialize(address vault_, address factory_, uint64 type_) external initializer {
        vault = vault_;
        FACTORY = factory_;
        TYPE = type_;
    }

    function setMaxNetworkLimit(bytes32 subnetwork, uint256 amount) external onlyAdmin {
        maxNetworkLimit[subnetwork] = amount;
    }
}

/// Double of a Symbiotic v1 VetoSlasher's read side (IEntity.TYPE/FACTORY, IBaseSlasher.vault,
/// IVetoSlasher.vetoDuration; v1.0.3). Slashing itself goes through SymbioticVault.onSlash from its slasher.
contract SymbioticVetoSlasher is Initializable {
    uint64 public constant TYPE = 1;
    address public FACTORY;
    address public vault;
    uint48 public vetoDuration;

    function initialize(address vault_, address factory_, uint48 vetoDuration_) external initializer {
        vault = vault_;
        FACTORY = factory_;
        vetoDuration = vetoDuration_;
    }
}
