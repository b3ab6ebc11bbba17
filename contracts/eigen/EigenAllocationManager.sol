// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {WAD, OperatorSet, Allocation, IEigenDelegationManager, SlashingMath} from "./EigenTypes.sol";
import {EigenAllocationCore} from "./EigenAllocationCore.sol";

/// Double of EigenLayer's AllocationManager (placed at the mainnet proxy address). Operator sets, magnitude
/// allocations and `slashOperator` with the mainnet math and events (see reference §6). Devnet differences:
/// allocations and deallocations apply in the same block (no ALLOCATION/DEALLOCATION_DELAY), operators
/// cannot deregister, and AVS registrar callbacks / metadata are not modelled.
contract EigenAllocationManager is EigenAllocationCore {
    struct CreateSetParams {
        uint32 operatorSetId;
        address[] strategies;
    }

    struct RegisterParams {
        address avs;
        uint32[] operatorSetIds;
        bytes data;
    }

    struct AllocateParams {
        OperatorSet operatorSet;
        address[] strategies;
        uint64[] newMagnitudes;
    }

    struct SlashingParams {
        address operator;
        uint32 operatorSetId;
        address[] strategies;
        uint256[] wadsToSlash;
        string description;
    }

    event OperatorSetCreated(OperatorSet operatorSet);
    event StrategyAddedToOperatorSet(OperatorSet operatorSet, address strategy);
    event OperatorAddedToOperatorSet(address indexed operator, OperatorSet operatorSet);
    event AllocationUpdated(address operator, OperatorSet operatorSet, address strategy, uint64 magnitude, uint32 effectBlock);
    event EncumberedMagnitudeUpdated(address operator, address strategy, uint64 encumberedMagnitude);
    event MaxMagnitudeUpdated(address operator, address strategy, uint64 maxMagnitude);
    event OperatorSlashed(address operator, OperatorSet operatorSet, address[] strategies, uint256[] wadSlashed, string description);

    error AlreadyInitialized();
    error InvalidCaller();
    error InvalidOperator();
    error InvalidOperatorSet();
    error InvalidStrategy();
    error AlreadyMemberOfSet();
    error InputArrayLengthMismatch();
    error SameMagnitude();
    error InsufficientMagnitude();
    error OperatorNotSlashable();
    error StrategiesMustBeInAscendingOrder();
    error InvalidWadToSlash();

    function initialize(address owner_, address delegation_) external {
        if (owner != address(0)) revert AlreadyInitialized();
        owner = owner_;
        delegation = delegation_;
    }

    /// Called by the AVS itself (an unlocked dev account on the devnet) or the owner.
    function createOperatorSets(address avs, CreateSetParams[] calldata params) external {
        if (msg.sender != avs && msg.sender != owner) revert InvalidCaller();
        for (uint256 i = 0; i < params.length; i++) {
            OperatorSet memory set = OperatorSet(avs, params[i].operatorSetId);
            bytes32 key = _key(set);
            if (_setExists[key]) revert InvalidOperatorSet();
            _setExists[key] = true;
            getOperatorSetCount[avs]++;
            emit OperatorSetCreated(set);
            for (uint256 j = 0; j < params[i].strategies.length; j++) {
                address strategy = params[i].strategies[j];
                if (_setHasStrategy[key][strategy]) revert InvalidStrategy();
                _setHasStrategy[key][strategy] = true;
                _setStrategies[key].push(strategy);
                emit StrategyAddedToOperatorSet(set, strategy);
            }
        }
    }

    function registerForOperatorSets(address operator, RegisterParams calldata params) external {
        if (msg.sender != operator) revert InvalidCaller();
        if (!IEigenDelegationManager(delegation).isOperator(operator)) revert InvalidOperator();
        for (uint256 i = 0; i < params.operatorSetIds.length; i++) {
            OperatorSet memory set = OperatorSet(params.avs, params.operatorSetIds[i]);
            bytes32 key = _key(set);
            if (!_setExists[key]) revert InvalidOperatorSet();
            if (_isRegistered[operator][key]) revert AlreadyMemberOfSet();
            _isRegistered[operator][key] = true;
            _registeredSets[operator].push(set);
            _setMembers[key].push(operator);
            emit OperatorAddedToOperatorSet(operator, set);
        }
    }

    function modifyAllocations(address operator, AllocateParams[] calldata params) external {
        if (msg.sender != operator) revert InvalidCaller();
        for (uint256 i = 0; i < params.length; i++) {
            bytes32 key = _key(params[i].operatorSet);
            if (!_setExists[key]) revert InvalidOperatorSet();
            if (params[i].strategies.length != params[i].newMagnitudes.length) revert InputArrayLengthMismatch();
            for (uint256 j = 0; j < params[i].strategies.length; j++) {
                _allocate(operator, params[i].operatorSet, key, params[i].strategies[j], params[i].newMagnitudes[j]);
            }
        }
    }

    function _allocate(address operator, OperatorSet calldata set, bytes32 key, address strategy, uint64 newMagnitude) internal {
        if (!_setHasStrategy[key][strategy]) revert InvalidStrategy();
        Allocation storage allocation = _allocations[operator][key][strategy];
        uint64 current = allocation.currentMagnitude;
        if (newMagnitude == current) revert SameMagnitude();
        uint64 encumbered = _encumberedMagnitude[operator][strategy];
        if (newMagnitude > current) {
            encumbered += newMagnitude - current;
            if (encumbered > getMaxMagnitude(operator, strategy)) revert InsufficientMagnitude();
        } else {
            encumbered -= current - newMagnitude;
        }
        _encumberedMagnitude[operator][strategy] = encumbered;
        allocation.currentMagnitude = newMagnitude;
        allocation.effectBlock = uint32(block.number);
        _track(operator, set, key, strategy);
        emit EncumberedMagnitudeUpdated(operator, strategy, encumbered);
        emit AllocationUpdated(operator, set, strategy, newMagnitude, uint32(block.number));
    }

    function _track(address operator, OperatorSet calldata set, bytes32 key, address strategy) internal {
        if (!_isTouchedSet[operator][key]) {
            _isTouchedSet[operator][key] = true;
            _touchedSets[operator].push(set);
        }
        if (!_isTouchedStrategy[operator][key][strategy]) {
            _isTouchedStrategy[operator][key][strategy] = true;
            _touchedStrategies[operator][key].push(strategy);
            _strategySets[operator][strategy].push(key);
        }
    }

    /// Mainnet _slashOperator: slashedMagnitude = ceil(current × wad / WAD), wadSlashed = slashed × WAD / max.
    function slashOperator(address avs, SlashingParams calldata params) external returns (uint256 slashId, uint256[] memory shares) {
        if (msg.sender != avs) revert InvalidCaller();
        if (params.strategies.length != params.wadsToSlash.length) revert InputArrayLengthMismatch();
        OperatorSet memory set = OperatorSet(avs, params.operatorSetId);
        bytes32 key = _key(set);
        if (!_setExists[key]) revert InvalidOperatorSet();
        if (!isOperatorSlashable(params.operator, set)) revert OperatorNotSlashable();

        slashId = ++slashCount;
        shares = new uint256[](params.strategies.length);
        uint256[] memory wadSlashed = new uint256[](params.strategies.length);
        for (uint256 i = 0; i < params.strategies.length; i++) {
            if (i > 0 && params.strategies[i] <= params.strategies[i - 1]) revert StrategiesMustBeInAscendingOrder();
            if (params.wadsToSlash[i] == 0 || params.wadsToSlash[i] > WAD) revert InvalidWadToSlash();
            if (!_setHasStrategy[key][params.strategies[i]]) revert InvalidStrategy();
            (wadSlashed[i], shares[i]) = _slashStrategy(params.operator, set, key, params.strategies[i], params.wadsToSlash[i]);
        }
        emit OperatorSlashed(params.operator, set, params.strategies, wadSlashed, params.description);
    }

    function _slashStrategy(address operator, OperatorSet memory set, bytes32 key, address strategy, uint256 wadToSlash)
        internal
        returns (uint256 wadSlashed, uint256 sharesSlashed)
    {
        Allocation storage allocation = _allocations[operator][key][strategy];
        if (allocation.currentMagnitude == 0) return (0, 0);
        uint64 slashedMagnitude = uint64(SlashingMath.mulWadRoundUp(allocation.currentMagnitude, wadToSlash));
        uint64 prevMaxMagnitude = getMaxMagnitude(operator, strategy);
        uint64 newMaxMagnitude = prevMaxMagnitude - slashedMagnitude;
        wadSlashed = SlashingMath.divWad(slashedMagnitude, prevMaxMagnitude);

        allocation.currentMagnitude -= slashedMagnitude;
        uint64 encumbered = _encumberedMagnitude[operator][strategy] - slashedMagnitude;
        _encumberedMagnitude[operator][strategy] = encumbered;
        emit EncumberedMagnitudeUpdated(operator, strategy, encumbered);
        emit AllocationUpdated(operator, set, strategy, allocation.currentMagnitude, uint32(block.number));
        _pushMaxMagnitude(operator, strategy, newMaxMagnitude);
        emit MaxMagnitudeUpdated(operator, strategy, newMaxMagnitude);

        sharesSlashed = IEigenDelegationManager(delegation).slashOperatorShares(operator, strategy, prevMaxMagnitude, newMaxMagnitude);
    }

    function _pushMaxMagnitude(address operator, address strategy, uint64 value) internal {
        MagnitudeSnapshot[] storage history = _maxMagnitudeHistory[operator][strategy];
        if (history.length > 0 && history[history.length - 1].blockNumber == block.number) {
            history[history.length - 1].value = value;
        } else {
            history.push(MagnitudeSnapshot(uint32(block.number), value));
        }
    }

    /// Stake (in shares) the operators have allocated to the set: operatorShares × currentMagnitude / maxMagnitude.
    function getAllocatedStake(OperatorSet memory operatorSet, address[] calldata operators, address[] calldata strategies)
        external
        view
        returns (uint256[][] memory stake)
    {
        bytes32 key = _key(operatorSet);
        stake = new uint256[][](operators.length);
        for (uint256 i = 0; i < operators.length; i++) {
            stake[i] = new uint256[](strategies.length);
            for (uint256 j = 0; j < strategies.length; j++) {
                uint256 proportion = SlashingMath.divWad(
                    _allocations[operators[i]][key][strategies[j]].currentMagnitude, getMaxMagnitude(operators[i], strategies[j])
                );
                uint256 shares = _operatorShares(operators[i], strategies[j]);
                stake[i][j] = SlashingMath.mulWad(shares, proportion);
            }
        }
    }

    function _operatorShares(address operator, address strategy) internal view returns (uint256) {
        (bool ok, bytes memory data) =
            delegation.staticcall(abi.encodeWithSignature("operatorShares(address,address)", operator, strategy));
        return ok && data.length == 32 ? abi.decode(data, (uint256)) : 0;
    }
}
