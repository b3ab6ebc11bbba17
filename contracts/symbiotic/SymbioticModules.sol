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

/// Double of a Symbiotic v1 delegator's read side (IEntity.TYPE/FACTORY, IBaseDelegator.vault/maxNetworkLimit,
/// INetworkRestakeDelegator.networkLimit; v1.0.3): the admin sets the per-subnetwork cap that a network sets on
/// chain (setMaxNetworkLimit) and the limit the vault's curator gives it (setNetworkLimit, capped by the max).
/// Devnet difference: no checkpoints (the `...At` views are missing), no operator shares.
contract SymbioticDelegator is Initializable {
    uint64 public TYPE;
    address public FACTORY;
    address public vault;
    mapping(bytes32 => uint256) public maxNetworkLimit;
    mapping(bytes32 => uint256) public networkLimit;

    event SetNetworkLimit(bytes32 indexed subnetwork, uint256 amount);

    function initialize(address vault_, address factory_, uint64 type_) external initializer {
        vault = vault_;
        FACTORY = factory_;
        TYPE = type_;
    }

    function setMaxNetworkLimit(bytes32 subnetwork, uint256 amount) external onlyAdmin {
        maxNetworkLimit[subnetwork] = amount;
    }

    function setNetworkLimit(bytes32 subnetwork, uint256 amount) external onlyAdmin {
        require(amount <= maxNetworkLimit[subnetwork], "Delegator: exceeds max network limit");
        networkLimit[subnetwork] = amount;
        emit SetNetworkLimit(subnetwork, amount);
    }
}

interface ISymbioticSlashedVault {
    function delegator() external view returns (address);
    function activeStake() external view returns (uint256);
    function onSlash(uint256 amount, uint48 captureTimestamp) external returns (uint256);
}

/// Double of a Symbiotic v1 VetoSlasher (IEntity.TYPE/FACTORY, IBaseSlasher.vault, IVetoSlasher.vetoDuration,
/// requestSlash/executeSlash and their events; v1.0.3): executeSlash calls the vault's onSlash, which takes the
/// slash pro rata from active stake and pending withdrawals. The amount is capped at the network's stake as the
/// delegator gives it (min(activeStake, networkLimit(subnetwork))). Devnet differences: the admin stands for the
/// network's middleware and may execute before the veto deadline; no resolver, no hints, no per-operator stake.
contract SymbioticVetoSlasher is Initializable {
    uint64 public constant TYPE = 1;
    address public FACTORY;
    address public vault;
    uint48 public vetoDuration;

    struct SlashRequest {
        bytes32 subnetwork;
        address operator;
        uint256 amount;
        uint48 captureTimestamp;
        uint48 vetoDeadline;
        bool completed;
    }

    SlashRequest[] public slashRequests;

    event RequestSlash(
        uint256 indexed slashIndex,
        bytes32 indexed subnetwork,
        address indexed operator,
        uint256 slashAmount,
        uint48 captureTimestamp,
        uint48 vetoDeadline
    );
    event ExecuteSlash(uint256 indexed slashIndex, uint256 slashedAmount);

    function slashRequestsLength() external view returns (uint256) {
        return slashRequests.length;
    }

    function requestSlash(bytes32 subnetwork, address operator, uint256 amount, uint48 captureTimestamp, bytes calldata)
        external
        onlyAdmin
        returns (uint256 slashIndex)
    {
        ISymbioticSlashedVault v = ISymbioticSlashedVault(vault);
        uint256 limit = SymbioticDelegator(v.delegator()).networkLimit(subnetwork);
        uint256 active = v.activeStake();
        uint256 stake = limit < active ? limit : active;
        uint256 slashAmount = amount < stake ? amount : stake;
        slashIndex = slashRequests.length;
        uint48 deadline = uint48(block.timestamp) + vetoDuration;
        slashRequests.push(SlashRequest(subnetwork, operator, slashAmount, captureTimestamp, deadline, false));
        emit RequestSlash(slashIndex, subnetwork, operator, slashAmount, captureTimestamp, deadline);
    }

    function executeSlash(uint256 slashIndex, bytes calldata) external onlyAdmin returns (uint256 slashedAmount) {
        SlashRequest storage r = slashRequests[slashIndex];
        require(!r.completed, "VetoSlasher: slash request completed");
        r.completed = true;
        slashedAmount = ISymbioticSlashedVault(vault).onSlash(r.amount, r.captureTimestamp);
        emit ExecuteSlash(slashIndex, slashedAmount);
    }

    function initialize(address vault_, address factory_, uint48 vetoDuration_) external initializer {
        vault = vault_;
        FACTORY = factory_;
        vetoDuration = vetoDuration_;
    }
}
