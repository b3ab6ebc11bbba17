// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {Initializable, ERC20Plain, OTHER_HOLDERS} from "./base/ERC20Base.sol";

/// Test double of RocketStorage (0x1d8f8f00…Fa46): the address book every Rocket Pool contract reads.
contract RocketStorage is Initializable {
    mapping(bytes32 => address) private addressStorage;

    function initialize() external initializer {}

    function getAddress(bytes32 key) external view returns (address) { return addressStorage[key]; }

    function setAddress(bytes32 key, address value) external onlyAdmin { addressStorage[key] = value; }
}

interface IRocketStorage {
    function getAddress(bytes32 key) external view returns (address);
}

/// Test double of rETH (0xae78736C…6393). On mainnet totalETHBalance comes from RocketNetworkBalances
/// (oDAO-reported); here the token keeps it and the admin sets it, so the rate is whatever a scenario needs.
contract RocketTokenRETH is ERC20Plain {
    event TokensMinted(address indexed to, uint256 amount, uint256 ethAmount, uint256 time);

    IRocketStorage public rocketStorage;
    uint256 public totalETHBalance;

    function name() public pure override returns (string memory) { return "Rocket Pool ETH"; }
    function symbol() public pure override returns (string memory) { return "rETH"; }

    function initialize(address storageAddress, uint256 initialSupply, uint256 initialEthBalance) external initializer {
        rocketStorage = IRocketStorage(storageAddress);
        totalETHBalance = initialEthBalance;
        _mint(OTHER_HOLDERS, initialSupply);
    }

    function getEthValue(uint256 rethAmount) public view returns (uint256) {
        if (totalSupply == 0) return rethAmount;
        return rethAmount * totalETHBalance / totalSupply;
    }

    function getRethValue(uint256 ethAmount) public view returns (uint256) {
        if (totalSupply == 0 || totalETHBalance == 0) return ethAmount;
        return ethAmount * totalSupply / totalETHBalance;
    }

    function getExchangeRate() external view returns (uint256) { return getEthValue(1 ether); }

    function mint(uint256 ethAmount, address to) external {
        address depositPool = rocketStorage.getAddress(keccak256(abi.encodePacked("contract.address", "rocketDepositPool")));
        require(msg.sender == depositPool, "Invalid or outdated network contract");
        uint256 rethAmount = getRethValue(ethAmount);
        require(rethAmount > 0, "Invalid token mint amount");
        totalETHBalance += ethAmount;
        _mint(to, rethAmount);
        emit TokensMinted(to, rethAmount, ethAmount, block.timestamp);
    }

    /// Devnet admin: an oDAO balances report.
    function setTotalETHBalance(uint256 newTotalETHBalance) external onlyAdmin { totalETHBalance = newTotalETHBalance; }
}

interface IRocketTokenRETH {
    function mint(uint256 ethAmount, address to) external;
}

/// Test double of RocketDepositPool: deposit() mints rETH at the current rate (no deposit fee here).
contract RocketDepositPool is Initializable {
    event DepositReceived(address indexed from, uint256 amount, uint256 time);

    IRocketStorage public rocketStorage;

    function initialize(address storageAddress) external initializer {
        rocketStorage = IRocketStorage(storageAddress);
    }

    function deposit() external payable {
        require(msg.value > 0, "Invalid deposit amount");
        address reth = rocketStorage.getAddress(keccak256(abi.encodePacked("contract.address", "rocketTokenRETH")));
        IRocketTokenRETH(reth).mint(msg.value, msg.sender);
        emit DepositReceived(msg.sender, msg.value, block.timestamp);
    }
}
