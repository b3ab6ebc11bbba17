// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {ERC20Plain, OTHER_HOLDERS} from "../tokens/base/ERC20Base.sol";

/// Test double of a bridged LST/LRT on an L2 (Lido's ERC20Bridged, ether.fi's / Kelp's LayerZero OFT, Renzo's
/// xERC20, Kelp's RsETHTokenWrapper): a plain 18-decimal ERC-20 whose supply only the bridge (the devnet's admin)
/// mints and burns, as the L1 side locks and releases. Placed with anvil_setCode at the token's L2 address, so the
/// name and symbol are set by initialize, not by a constructor.
contract L2BridgedToken is ERC20Plain {
    string private _name;
    string private _symbol;

    function name() public view override returns (string memory) { return _name; }
    function symbol() public view override returns (string memory) { return _symbol; }

    /// `bridgedSupply` starts with "everyone else", so totalSupply looks like a live token before any demo mint.
    function initialize(string calldata name_, string calldata symbol_, uint256 bridgedSupply) external initializer {
        _name = name_;
        _symbol = symbol_;
        _mint(OTHER_HOLDERS, bridgedSupply);
    }

    /// What a bridge message finalising a deposit does: mint on the L2 for tokens locked on Ethereum.
    function bridgeMint(address to, uint256 amount) external onlyAdmin { _mint(to, amount); }

    /// What a withdrawal to Ethereum does: burn here, release from the L1 escrow.
    function bridgeBurn(address from, uint256 amount) external onlyAdmin { _burn(from, amount); }
}
