// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {Initializable, ERC20Plain, OTHER_HOLDERS} from "./base/ERC20Base.sol";

/// Test double of Stader ETHx (0xA35b1B31…A15b): minted only by the StakePoolsManager; pausable.
contract ETHx is ERC20Plain {
    address public stakePoolsManager;
    bool public paused;

    function name() public pure override returns (string memory) { return "ETHx"; }
    function symbol() public pure override returns (string memory) { return "ETHx"; }

    function initialize(address manager, uint256 initialSupply) external initializer {
        stakePoolsManager = manager;
        _mint(OTHER_HOLDERS, initialSupply);
    }

    function mint(address to, uint256 amount) external {
        require(msg.sender == stakePoolsManager, "AccessControl: minter role");
        require(!paused, "Pausable: paused");
        _mint(to, amount);
    }

    function setPaused(bool value) external onlyAdmin { paused = value; }
}

interface IETHx {
    function mint(address to, uint256 amount) external;
}

/// Test double of StaderStakePoolsManager (0xcf5EA1b3…D299). The rate is STORED, as StaderOracle's
/// exchangeRate (oracle quorum, max 1% delta on mainnet), and set by the admin here.
contract StaderStakePoolsManager is Initializable {
    event Deposited(address indexed caller, address indexed owner, uint256 assets, uint256 shares);

    IETHx public ethx;
    uint256 private exchangeRate;
    bool public paused;

    function initialize(address ethxAddress, uint256 initialRate) external initializer {
        ethx = IETHx(ethxAddress);
        exchangeRate = initialRate;
    }

    function getExchangeRate() external view returns (uint256) { return exchangeRate; }

    function convertToShares(uint256 assets) public view returns (uint256) { return assets * 1 ether / exchangeRate; }
    function convertToAssets(uint256 shares) external view returns (uint256) { return shares * exchangeRate / 1 ether; }
    function previewDeposit(uint256 assets) external view returns (uint256) { return convertToShares(assets); }

    function deposit(address receiver) external payable returns (uint256) { return _deposit(receiver); }

    function deposit(address receiver, string calldata) external payable returns (uint256) { return _deposit(receiver); }

    function _deposit(address receiver) private returns (uint256 shares) {
        require(!paused, "Pausable: paused");
        shares = convertToShares(msg.value);
        require(shares > 0, "InvalidDepositAmount");
        ethx.mint(receiver, shares);
        emit Deposited(msg.sender, receiver, msg.value, shares);
    }

    function setExchangeRate(uint256 rate) external onlyAdmin { exchangeRate = rate; }

    function setPaused(bool value) external onlyAdmin { paused = value; }
}
