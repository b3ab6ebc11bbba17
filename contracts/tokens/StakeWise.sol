// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {Initializable, ERC20Plain, Permit, OTHER_HOLDERS} from "./base/ERC20Base.sol";

/// Test double of StakeWise osETH (0xf1C9acDc…0E38): minted by the OsTokenVaultController.
contract OsETH is ERC20Plain, Permit {
    address public controller;

    function name() public pure override returns (string memory) { return "Staked ETH"; }
    function symbol() public pure override returns (string memory) { return "osETH"; }

    function initialize(address controllerAddress, uint256 initialSupply) external initializer {
        controller = controllerAddress;
        _mint(OTHER_HOLDERS, initialSupply);
    }

    function mint(address to, uint256 amount) external {
        require(msg.sender == controller, "AccessDenied");
        _mint(to, amount);
    }
}

interface IOsETH {
    function mint(address to, uint256 amount) external;
    function totalSupply() external view returns (uint256);
}

/// Test double of OsTokenVaultController (0x2A261e60…0306): osETH shares ↔ ETH assets. Mainnet accrues
/// avgRewardPerSecond between keeper updates; here the assets are a stored figure so reads are exact.
contract OsTokenVaultController is Initializable {
    event Mint(address indexed vault, address indexed receiver, uint256 assets, uint256 shares);

    IOsETH public osToken;
    uint256 private totalAssetsStored;

    function initialize(address osETHAddress, uint256 initialAssets) external initializer {
        osToken = IOsETH(osETHAddress);
        totalAssetsStored = initialAssets;
    }

    function totalShares() public view returns (uint256) { return osToken.totalSupply(); }
    function totalAssets() external view returns (uint256) { return totalAssetsStored; }
    function avgRewardPerSecond() external pure returns (uint256) { return 0; }

    function convertToAssets(uint256 shares) public view returns (uint256) {
        uint256 supply = totalShares();
        return supply == 0 ? shares : shares * totalAssetsStored / supply;
    }

    function convertToShares(uint256 assets) public view returns (uint256) {
        uint256 supply = totalShares();
        return supply == 0 || totalAssetsStored == 0 ? assets : assets * supply / totalAssetsStored;
    }

    /// Devnet admin: what a vault's mintOsToken does, worth `assets` of ETH.
    function mintShares(address receiver, uint256 assets) external onlyAdmin returns (uint256 shares) {
        shares = convertToShares(assets);
        totalAssetsStored += assets;
        osToken.mint(receiver, shares);
        emit Mint(msg.sender, receiver, assets, shares);
    }

    function setTotalAssets(uint256 value) external onlyAdmin { totalAssetsStored = value; }
}
