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

/// Double of a Symbiotic v1 delegator (IEntity.TYPE/FACTORY, IBaseDelegator.vault/maxNetworkLimit/stake,
/// INetworkRestakeDelegator.networkLimit/operatorNetworkShares/totalOperatorNetworkShares, IFullRestakeDelegator
/// .operatorNetworkLimit, IOperatorSpecificDelegator.operator; symbioticfi/core src/contracts/delegator/*.sol,
/// commit 00510f1e, VERSION 1). One contract stands for the three v1 types; `stake(subnetwork, operator)` answers with
/// the formula of its TYPE (DelegatorFactory types: 0 NetworkRestake, 1 FullRestake, 2 OperatorSpecific):
///   0: operatorNetworkShares × min(activeStake, networkLimit) / totalOperatorNetworkShares (floor; 0 if no shares)
///   1: min(activeStake, networkLimit, operatorNetworkLimit)
///   2: min(activeStake, networkLimit) for `operator()`, else 0
/// The admin stands for the network (setMaxNetworkLimit) and the curator's roles (limits, shares).
/// Devnet differences: no checkpoints (the `...At` views are missing); the opt-in services are not doubled, so
/// every operator counts as opted in to the vault and the network (the real `stake` answers 0 otherwise).
contract SymbioticDelegator is Initializable {
    uint64 public TYPE;
    address public FACTORY;
    address public vault;
    /// OperatorSpecificDelegator (TYPE 2): the one operator the vault delegates to.
    address public operator;
    mapping(bytes32 => uint256) public maxNetworkLimit;
    mapping(bytes32 => uint256) public networkLimit;
    mapping(bytes32 => uint256) public totalOperatorNetworkShares;
    mapping(bytes32 => mapping(address => uint256)) public operatorNetworkShares;
    mapping(bytes32 => mapping(address => uint256)) public operatorNetworkLimit;

    event SetNetworkLimit(bytes32 indexed subnetwork, uint256 amount);
    event SetOperatorNetworkShares(bytes32 indexed subnetwork, address indexed operator, uint256 shares);
    event SetOperatorNetworkLimit(bytes32 indexed subnetwork, address indexed operator, uint256 amount);

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

    /// NetworkRestakeDelegator.setOperatorNetworkShares: the total moves by the difference.
    function setOperatorNetworkShares(bytes32 subnetwork, address operator_, uint256 shares) external onlyAdmin {
        require(TYPE == 0, "Delegator: not a NetworkRestakeDelegator");
        totalOperatorNetworkShares[subnetwork] =
            totalOperatorNetworkShares[subnetwork] - operatorNetworkShares[subnetwork][operator_] + shares;
        operatorNetworkShares[subnetwork][operator_] = shares;
        emit SetOperatorNetworkShares(subnetwork, operator_, shares);
    }

    function setOperatorNetworkLimit(bytes32 subnetwork, address operator_, uint256 amount) external onlyAdmin {
        require(TYPE == 1, "Delegator: not a FullRestakeDelegator");
        operatorNetworkLimit[subnetwork][operator_] = amount;
        emit SetOperatorNetworkLimit(subnetwork, operator_, amount);
    }

    /// OperatorSpecificDelegator: the operator is fixed at creation (InitParams.operator); devnet: set once.
    function setOperator(address operator_) external onlyAdmin {
        require(TYPE == 2 && operator == address(0), "Delegator: operator fixed");
        operator = operator_;
    }

    function stake(bytes32 subnetwork, address operator_) public view returns (uint256) {
        uint256 active = ISymbioticSlashedVault(vault).activeStake();
        uint256 limit = networkLimit[subnetwork];
        uint256 networkStake = active < limit ? active : limit;
        if (TYPE == 0) {
            uint256 total = totalOperatorNetworkShares[subnetwork];
            return total == 0 ? 0 : (operatorNetworkShares[subnetwork][operator_] * networkStake) / total;
        }
        if (TYPE == 1) {
            uint256 opLimit = operatorNetworkLimit[subnetwork][operator_];
            return opLimit < networkStake ? opLimit : networkStake;
        }
        return operator_ == operator ? networkStake : 0;
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
/// delegator gives the operator (`stake(subnetwork, operator)`), or, for the zero operator (a devnet shortcut), at the
/// network's (min(activeStake, networkLimit)). Devnet differences: the admin stands for the network's middleware and
/// may execute before the veto deadline; no resolver, no hints, stake read now rather than at the capture time.
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
        SymbioticDelegator d = SymbioticDelegator(v.delegator());
        uint256 stake;
        if (operator == address(0)) {
            // Devnet shortcut (no real slasher takes it): the whole network's stake, min(activeStake, networkLimit).
            uint256 limit = d.networkLimit(subnetwork);
            uint256 active = v.activeStake();
            stake = limit < active ? limit : active;
        } else {
            // As v1 Slasher/VetoSlasher: capped at the operator's stake in the subnetwork (stakeAt, here at now).
            stake = d.stake(subnetwork, operator);
        }
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
