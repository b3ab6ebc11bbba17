// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

/// Test double of the ENS registry (ENSRegistry.sol, ensdomains/ens-contracts) as deployed at
/// 0x00000000000C2E074eC69A0dFb2997BA6C7d2e1e: owner / resolver / ttl per node, subnodes created by the
/// parent's owner, with the mainnet function names and events. No constructor (placed with anvil_setCode):
/// `initialize` makes the caller the owner of the root node.
contract EnsRegistry {
    struct Record { address owner; address resolver; uint64 ttl; }

    event NewOwner(bytes32 indexed node, bytes32 indexed label, address owner);
    event Transfer(bytes32 indexed node, address owner);
    event NewResolver(bytes32 indexed node, address resolver);

    mapping(bytes32 => Record) private records;

    error AlreadyInitialized();
    error NotAuthorised();

    modifier authorised(bytes32 node) {
        if (records[node].owner != msg.sender) revert NotAuthorised();
        _;
    }

    function initialize() external {
        if (records[0x0].owner != address(0)) revert AlreadyInitialized();
        records[0x0].owner = msg.sender;
    }

    function setOwner(bytes32 node, address owner_) external authorised(node) {
        records[node].owner = owner_;
        emit Transfer(node, owner_);
    }

    function setSubnodeOwner(bytes32 node, bytes32 label, address owner_) public authorised(node) returns (bytes32) {
        bytes32 subnode = keccak256(abi.encodePacked(node, label));
        records[subnode].owner = owner_;
        emit NewOwner(node, label, owner_);
        return subnode;
    }

    function setResolver(bytes32 node, address resolver_) public authorised(node) {
        records[node].resolver = resolver_;
        emit NewResolver(node, resolver_);
    }

    function setSubnodeRecord(bytes32 node, bytes32 label, address owner_, address resolver_, uint64 ttl_) external {
        bytes32 subnode = setSubnodeOwner(node, label, msg.sender);
        records[subnode].resolver = resolver_;
        records[subnode].ttl = ttl_;
        emit NewResolver(subnode, resolver_);
        records[subnode].owner = owner_;
    }

    function owner(bytes32 node) external view returns (address) { return records[node].owner; }
    function resolver(bytes32 node) external view returns (address) { return records[node].resolver; }
    function ttl(bytes32 node) external view returns (uint64) { return records[node].ttl; }
    function recordExists(bytes32 node) external view returns (bool) { return records[node].owner != address(0); }
}
