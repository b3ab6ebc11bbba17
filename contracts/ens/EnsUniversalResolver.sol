// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

interface IEnsRegistryResolver {
    function resolver(bytes32 node) external view returns (address);
}

/// Test double of the ENS UniversalResolver (ensdomains/ens-contracts universalResolver/) at
/// 0xeEeEEEeE14D718C2B47D9923Deab1335E144EeEe, the address viem's mainnet chain names (ensUniversalResolver): takes a
/// DNS-encoded name, finds its resolver in the registry, calls it with `data` and answers (result, resolver).
/// Only exact names on-chain: no wildcard (ENSIP-10) walk to a parent's resolver and no CCIP-read gateways. The
/// errors are the real ones, so viem reads an unknown name as null (ResolverNotFound).
contract EnsUniversalResolver {
    address private constant REGISTRY = 0x00000000000C2E074eC69A0dFb2997BA6C7d2e1e;

    error ResolverNotFound(bytes name);
    error ResolverNotContract(bytes name, address resolver);
    error ResolverError(bytes errorData);

    function resolve(bytes calldata name, bytes calldata data) public view returns (bytes memory, address) {
        bytes32 node = namehash(name, 0);
        address resolver = IEnsRegistryResolver(REGISTRY).resolver(node);
        if (resolver == address(0)) revert ResolverNotFound(name);
        if (resolver.code.length == 0) revert ResolverNotContract(name, resolver);
        (bool ok, bytes memory result) = resolver.staticcall(data);
        if (!ok) revert ResolverError(result);
        return (result, resolver);
    }

    function resolveWithGateways(bytes calldata name, bytes calldata data, string[] calldata) external view returns (bytes memory, address) {
        return resolve(name, data);
    }

    /// namehash of a DNS-encoded name (length-prefixed labels, 0-terminated), from `offset`.
    function namehash(bytes calldata name, uint256 offset) public pure returns (bytes32) {
        uint256 len = uint8(name[offset]);
        if (len == 0) return bytes32(0);
        bytes32 label = keccak256(name[offset + 1:offset + 1 + len]);
        return keccak256(abi.encodePacked(namehash(name, offset + 1 + len), label));
    }
}
