// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

interface IEnsRegistryOwner {
    function owner(bytes32 node) external view returns (address);
}

/// Test double of the ENS PublicResolver (ensdomains/ens-contracts resolvers/PublicResolver.sol) at its mainnet
/// address 0xF29100983E058B709F3D539b0c765937B804AC15: the address profile (EIP-137 addr, ENSIP-9 addr with a coin
/// type) and the name profile (EIP-181, reverse records). Records are set by the node's owner in the registry.
contract EnsPublicResolver {
    address private constant REGISTRY = 0x00000000000C2E074eC69A0dFb2997BA6C7d2e1e;
    uint256 private constant COIN_TYPE_ETH = 60;

    event AddrChanged(bytes32 indexed node, address a);
    event AddressChanged(bytes32 indexed node, uint256 coinType, bytes newAddress);
    event NameChanged(bytes32 indexed node, string name);

    mapping(bytes32 => mapping(uint256 => bytes)) private addresses;
    mapping(bytes32 => string) private names;

    error NotAuthorised();

    modifier authorised(bytes32 node) {
        if (IEnsRegistryOwner(REGISTRY).owner(node) != msg.sender) revert NotAuthorised();
        _;
    }

    function setAddr(bytes32 node, address a) external authorised(node) {
        addresses[node][COIN_TYPE_ETH] = abi.encodePacked(a);
        emit AddrChanged(node, a);
        emit AddressChanged(node, COIN_TYPE_ETH, abi.encodePacked(a));
    }

    function addr(bytes32 node) external view returns (address payable) {
        bytes memory a = addresses[node][COIN_TYPE_ETH];
        if (a.length == 0) return payable(address(0));
        return payable(address(bytes20(a)));
    }

    function addr(bytes32 node, uint256 coinType) external view returns (bytes memory) {
        return addresses[node][coinType];
    }

    function setName(bytes32 node, string calldata newName) external authorised(node) {
        names[node] = newName;
        emit NameChanged(node, newName);
    }

    function name(bytes32 node) external view returns (string memory) { return names[node]; }

    function supportsInterface(bytes4 id) external pure returns (bool) {
        return id == 0x01ffc9a7 || id == 0x3b3b57de || id == 0xf1cb7e06 || id == 0x691f3431;
    }
}
