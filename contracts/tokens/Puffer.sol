// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {ERC20Plain, Permit, OTHER_HOLDERS} from "./base/ERC20Base.sol";

interface IWETH {
    function balanceOf(address account) external view returns (uint256);
    function transferFrom(address from, address to, uint256 amount) external returns (bool);
}

/// Test double of PufferVault / pufETH (0xD9A44285…6a72): ERC-4626 on WETH with OpenZeppelin's
/// rounding (+1 virtual share and asset). totalAssets counts WETH and ETH held plus "assets elsewhere"
/// (stETH, EigenLayer) as one admin-set figure, so a donation of ETH or WETH moves the rate, as on mainnet.
contract PufferVault is ERC20Plain, Permit {
    event Deposit(address indexed sender, address indexed owner, uint256 assets, uint256 shares);

    IWETH private weth;
    uint256 public assetsElsewhere;
    uint256 public exitFeeBasisPoints;

    function name() public pure override returns (string memory) { return "pufETH"; }
    function symbol() public pure override returns (string memory) { return "pufETH"; }

    function initialize(address wethAddress, uint256 initialShares, uint256 initialAssets, uint256 exitFeeBps) external initializer {
        weth = IWETH(wethAddress);
        assetsElsewhere = initialAssets;
        exitFeeBasisPoints = exitFeeBps;
        _mint(OTHER_HOLDERS, initialShares);
    }

    function asset() external view returns (address) { return address(weth); }

    /// ETH sent with the current call is not yet part of the vault (mainnet subtracts callvalue too).
    function totalAssets() public view returns (uint256) {
        uint256 callValue;
        assembly {
            callValue := callvalue()
        }
        return weth.balanceOf(address(this)) + (address(this).balance - callValue) + assetsElsewhere;
    }

    function convertToShares(uint256 assets) public view returns (uint256) {
        return assets * (totalSupply + 1) / (totalAssets() + 1);
    }

    function convertToAssets(uint256 shares) public view returns (uint256) {
        return shares * (totalAssets() + 1) / (totalSupply + 1);
    }

    function previewDeposit(uint256 assets) external view returns (uint256) { return convertToShares(assets); }

    /// Fair value minus the exit fee (fee on total, rounded up, as PufferVaultV5._feeOnTotal).
    function previewRedeem(uint256 shares) external view returns (uint256) {
        uint256 assets = convertToAssets(shares);
        uint256 denominator = exitFeeBasisPoints + 10_000;
        uint256 fee = (assets * exitFeeBasisPoints + denominator - 1) / denominator;
        return assets - fee;
    }

    function getTotalExitFeeBasisPoints() external view returns (uint256) { return exitFeeBasisPoints; }

    function maxDeposit(address) external pure returns (uint256) { return type(uint256).max; }

    function deposit(uint256 assets, address receiver) external returns (uint256 shares) {
        shares = convertToShares(assets);
        weth.transferFrom(msg.sender, address(this), assets);
        _mint(receiver, shares);
        emit Deposit(msg.sender, receiver, assets, shares);
    }

    function depositETH(address receiver) external payable returns (uint256 shares) {
        shares = convertToShares(msg.value);
        _mint(receiver, shares);
        emit Deposit(msg.sender, receiver, msg.value, shares);
    }

    /// Devnet admin: rewards or losses in the assets held outside the vault.
    function setAssetsElsewhere(uint256 value) external onlyAdmin { assetsElsewhere = value; }

    receive() external payable {}
}
