// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {Initializable} from "../tokens/base/ERC20Base.sol";

interface IEtherFiNodesManagerLink {
    function linkPubkeyToNode(bytes calldata pubkey, address nodeAddress, uint256 legacyId) external;
}

/// Test double of ether.fi's StakingManager (0x25e821b7…912d), the node registry part: every EtherFiNode is
/// announced once by EtherFiNodeDeployed and recorded in deployedEtherFiNodes, and validators are linked to nodes
/// through the EtherFiNodesManager (etherfi-protocol/smart-contracts src/staking/StakingManager.sol @ b4a09680:
/// instantiateEtherFiNode, backfillExistingEtherFiNodes, createBeaconValidators). On mainnet the node is a beacon
/// proxy deployed here; on the devnet the seed places an LrtStaker double and registers it.
contract EtherFiStakingManagerDouble is Initializable {
    /// Mainnet spells the argument `etheFiNode`.
    event EtherFiNodeDeployed(address indexed etheFiNode);

    mapping(address => bool) public deployedEtherFiNodes;
    address public etherFiNodesManager;

    error InvalidEtherFiNode();

    function initialize(address nodesManager) external initializer {
        etherFiNodesManager = nodesManager;
    }

    /// What instantiateEtherFiNode / backfillExistingEtherFiNodes record and emit (a known node is skipped, as backfill does).
    function registerEtherFiNode(address node) external onlyAdmin {
        if (deployedEtherFiNodes[node]) return;
        deployedEtherFiNodes[node] = true;
        emit EtherFiNodeDeployed(node);
    }

    /// A validator on a node: createBeaconValidators links its pubkey (legacy id = the bid id) in the nodes manager.
    function createBeaconValidator(bytes calldata pubkey, uint256 bidId, address node) external onlyAdmin {
        if (!deployedEtherFiNodes[node]) revert InvalidEtherFiNode();
        IEtherFiNodesManagerLink(etherFiNodesManager).linkPubkeyToNode(pubkey, node, bidId);
    }
}

interface IStakingManagerNodes {
    function deployedEtherFiNodes(address node) external view returns (bool);
}

/// Test double of ether.fi's EtherFiNodesManager (0x8B71140A…916F), the lookup part: PubkeyLinked per validator,
/// etherFiNodeFromPubkeyHash, the legacy id → node map and getEigenPod (src/staking/EtherFiNodesManager.sol @ b4a09680).
/// No view lists the nodes, as on mainnet. The devnet has no EigenPodManager: getEigenPod answers address(0).
contract EtherFiNodesManagerDouble is Initializable {
    event PubkeyLinked(bytes32 indexed pubkeyHash, address indexed nodeAddress, uint256 indexed legacyId, bytes pubkey);

    address public stakingManager;
    mapping(bytes32 => address) public etherFiNodeFromPubkeyHash;
    mapping(uint256 => address) private _legacyNode;

    error InvalidCaller();
    error AlreadyLinked();
    error UnknownNode();
    error InvalidPubKeyLength();

    function initialize(address stakingManager_) external initializer {
        stakingManager = stakingManager_;
    }

    /// Mainnet: sha256(pubkey ‖ 16 zero bytes) for a 48-byte BLS key.
    function calculateValidatorPubkeyHash(bytes memory pubkey) public pure returns (bytes32) {
        if (pubkey.length != 48) revert InvalidPubKeyLength();
        return sha256(abi.encodePacked(pubkey, bytes16(0)));
    }

    function linkPubkeyToNode(bytes calldata pubkey, address nodeAddress, uint256 legacyId) external {
        if (msg.sender != stakingManager) revert InvalidCaller();
        bytes32 pubkeyHash = calculateValidatorPubkeyHash(pubkey);
        if (etherFiNodeFromPubkeyHash[pubkeyHash] != address(0) || _legacyNode[legacyId] != address(0)) revert AlreadyLinked();
        _legacyNode[legacyId] = nodeAddress;
        etherFiNodeFromPubkeyHash[pubkeyHash] = nodeAddress;
        emit PubkeyLinked(pubkeyHash, nodeAddress, legacyId, pubkey);
    }

    function etherfiNodeAddress(uint256 id) public view returns (address) {
        return _legacyNode[id];
    }

    function getEigenPod(address node) external view returns (address) {
        if (!IStakingManagerNodes(stakingManager).deployedEtherFiNodes(node)) revert UnknownNode();
        return address(0);
    }
}
