// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {WAD, OperatorSet, Allocation} from "./EigenTypes.sol";

/// Storage and read side of the EigenLayer AllocationManager double (mainnet view ABI); the state
/// changes (operator sets, allocations, slashing) are in EigenAllocationManager.sol.
abstract contract EigenAllocationCore {
    struct MagnitudeSnapshot {
        uint32 blockNumber;
        uint64 value;
    }

    address public owner;
    address public delegation;
    uint256 public slashCount;

    mapping(bytes32 => bool) internal _setExists;
    mapping(bytes32 => address[]) internal _setStrategies;
    mapping(bytes32 => mapping(address => bool)) internal _setHasStrategy;
    mapping(bytes32 => address[]) internal _setMembers;
    mapping(address => uint256) public getOperatorSetCount;

    mapping(address => OperatorSet[]) internal _registeredSets;
    mapping(address => mapping(bytes32 => bool)) internal _isRegistered;
    mapping(address => OperatorSet[]) internal _touchedSets;
    mapping(address => mapping(bytes32 => bool)) internal _isTouchedSet;
    mapping(address => mapping(bytes32 => address[])) internal _touchedStrategies;
    mapping(address => mapping(bytes32 => mapping(address => bool))) internal _isTouchedStrategy;
    mapping(address => mapping(address => bytes32[])) internal _strategySets;
    mapping(address => mapping(bytes32 => mapping(address => Allocation))) internal _allocations;

    /// Empty history means the initial 1.0 (WAD): max magnitude only ever decreases, on slashes.
    mapping(address => mapping(address => MagnitudeSnapshot[])) internal _maxMagnitudeHistory;
    mapping(address => mapping(address => uint64)) internal _encumberedMagnitude;

    /// Same key as mainnet OperatorSetLib.key(): avs in the high 20 bytes, id in the low 12.
    function _key(OperatorSet memory set) internal pure returns (bytes32) {
        return bytes32(abi.encodePacked(set.avs, uint96(set.id)));
    }

    function getMaxMagnitude(address operator, address strategy) public view returns (uint64) {
        MagnitudeSnapshot[] storage history = _maxMagnitudeHistory[operator][strategy];
        return history.length == 0 ? WAD : history[history.length - 1].value;
    }

    function getMaxMagnitudes(address operator, address[] calldata strategies) external view returns (uint64[] memory mags) {
        mags = new uint64[](strategies.length);
        for (uint256 i = 0; i < strategies.length; i++) mags[i] = getMaxMagnitude(operator, strategies[i]);
    }

    function getMaxMagnitudes(address[] calldata operators, address strategy) external view returns (uint64[] memory mags) {
        mags = new uint64[](operators.length);
        for (uint256 i = 0; i < operators.length; i++) mags[i] = getMaxMagnitude(operators[i], strategy);
    }

    /// Max magnitudes as they stood at the end of `blockNumber` (used to complete queued withdrawals).
    function getMaxMagnitudesAtBlock(address operator, address[] calldata strategies, uint32 blockNumber)
        external
        view
        returns (uint64[] memory mags)
    {
        mags = new uint64[](strategies.length);
        for (uint256 i = 0; i < strategies.length; i++) {
            MagnitudeSnapshot[] storage history = _maxMagnitudeHistory[operator][strategies[i]];
            mags[i] = WAD;
            for (uint256 j = history.length; j > 0; j--) {
                if (history[j - 1].blockNumber <= blockNumber) {
                    mags[i] = history[j - 1].value;
                    break;
                }
            }
        }
    }

    function getEncumberedMagnitude(address operator, address strategy) external view returns (uint64) {
        return _encumberedMagnitude[operator][strategy];
    }

    function getAllocatableMagnitude(address operator, address strategy) external view returns (uint64) {
        return getMaxMagnitude(operator, strategy) - _encumberedMagnitude[operator][strategy];
    }

    /// Devnet allocations take effect at once: pendingDiff is always 0 and effectBlock the block applied.
    function getAllocation(address operator, OperatorSet memory operatorSet, address strategy) external view returns (Allocation memory) {
        return _allocations[operator][_key(operatorSet)][strategy];
    }

    /// Sets in which the operator currently has a non-zero allocation for some strategy.
    function getAllocatedSets(address operator) external view returns (OperatorSet[] memory sets) {
        OperatorSet[] storage touched = _touchedSets[operator];
        sets = new OperatorSet[](touched.length);
        uint256 n = 0;
        for (uint256 i = 0; i < touched.length; i++) {
            if (_hasAllocation(operator, touched[i])) sets[n++] = touched[i];
        }
        assembly { mstore(sets, n) }
    }

    function getAllocatedStrategies(address operator, OperatorSet memory operatorSet) external view returns (address[] memory strategies) {
        bytes32 key = _key(operatorSet);
        address[] storage touched = _touchedStrategies[operator][key];
        strategies = new address[](touched.length);
        uint256 n = 0;
        for (uint256 i = 0; i < touched.length; i++) {
            if (_allocations[operator][key][touched[i]].currentMagnitude > 0) strategies[n++] = touched[i];
        }
        assembly { mstore(strategies, n) }
    }

    function getStrategyAllocations(address operator, address strategy)
        external
        view
        returns (OperatorSet[] memory sets, Allocation[] memory allocations)
    {
        bytes32[] storage keys = _strategySets[operator][strategy];
        sets = new OperatorSet[](keys.length);
        allocations = new Allocation[](keys.length);
        for (uint256 i = 0; i < keys.length; i++) {
            sets[i] = OperatorSet(address(bytes20(keys[i])), uint32(uint256(keys[i])));
            allocations[i] = _allocations[operator][keys[i]][strategy];
        }
    }

    function getRegisteredSets(address operator) external view returns (OperatorSet[] memory) {
        return _registeredSets[operator];
    }

    function isMemberOfOperatorSet(address operator, OperatorSet memory operatorSet) public view returns (bool) {
        return _isRegistered[operator][_key(operatorSet)];
    }

    /// On the devnet deregistration does not exist, so "slashable" is "registered".
    function isOperatorSlashable(address operator, OperatorSet memory operatorSet) public view returns (bool) {
        return isMemberOfOperatorSet(operator, operatorSet);
    }

    function isOperatorSet(OperatorSet memory operatorSet) external view returns (bool) {
        return _setExists[_key(operatorSet)];
    }

    function getMembers(OperatorSet memory operatorSet) external view returns (address[] memory) {
        return _setMembers[_key(operatorSet)];
    }

    function getMemberCount(OperatorSet memory operatorSet) external view returns (uint256) {
        return _setMembers[_key(operatorSet)].length;
    }

    function getStrategiesInOperatorSet(OperatorSet memory operatorSet) external view returns (address[] memory) {
        return _setStrategies[_key(operatorSet)];
    }

    /// Allocations apply immediately on the devnet, which mainnet expresses as a set delay of 0.
    function getAllocationDelay(address) external pure returns (bool isSet, uint32 delay) {
        return (true, 0);
    }

    function _hasAllocation(address operator, OperatorSet memory operatorSet) internal view returns (bool) {
        bytes32 key = _key(operatorSet);
        address[] storage strategies = _touchedStrategies[operator][key];
        for (uint256 i = 0; i < strategies.length; i++) {
            if (_allocations[operator][key][strategies[i]].currentMagnitude > 0) return true;
        }
        return false;
    }
}
