// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {Initializable, ERC20Plain, Permit, OTHER_HOLDERS} from "./base/ERC20Base.sol";

/// Test double of ezETH (0xbf5495Ef…2110): minted and burned only by the RestakeManager.
contract EzETH is ERC20Plain, Permit {
    address public restakeManager;

    function name() public pure override returns (string memory) { return "Renzo Restaked ETH"; }
    function symbol() public pure override returns (string memory) { return "ezETH"; }

    function initialize(address manager, uint256 initialSupply) external initializer {
        restakeManager = manager;
        _mint(OTHER_HOLDERS, initialSupply);
    }

    function mint(address to, uint256 amount) external {
        require(msg.sender == restakeManager, "NotRestakeManager");
        _mint(to, amount);
    }

    /// The WithdrawQueue burns the ezETH a claimed request locked (mainnet: the burner role, burn(from, amount)).
    address public withdrawQueue;

    function setWithdrawQueue(address queue) external onlyAdmin { withdrawQueue = queue; }

    function burn(address from, uint256 amount) external {
        require(msg.sender == withdrawQueue, "NotWithdrawQueue");
        _burn(from, amount);
    }
}

interface IEzETH {
    function mint(address to, uint256 amount) external;
    function totalSupply() external view returns (uint256);
}

/// Test double of Renzo RestakeManager (0x74a09653…9ef5). The rate is computed live as
/// totalTVL / ezETH supply, like mainnet, where totalTVL sums operator delegators, EigenPods and the
/// deposit queue (and is donation-susceptible). Here the TVL is one stored figure.
contract RenzoRestakeManager is Initializable {
    event Deposit(address depositor, address token, uint256 amount, uint256 ezETHMinted, uint256 referralId);

    IEzETH public ezETH;
    uint256 private totalTVL;
    bool public paused;

    function initialize(address ezETHAddress, uint256 initialTVL) external initializer {
        ezETH = IEzETH(ezETHAddress);
        totalTVL = initialTVL;
    }

    /// Same shape as mainnet: per-operator-delegator token TVLs, per-delegator TVLs, total TVL.
    function calculateTVLs() external view returns (uint256[][] memory, uint256[] memory, uint256) {
        uint256[][] memory tokenTVLs = new uint256[][](1);
        tokenTVLs[0] = new uint256[](1);
        tokenTVLs[0][0] = totalTVL;
        uint256[] memory delegatorTVLs = new uint256[](1);
        delegatorTVLs[0] = totalTVL;
        return (tokenTVLs, delegatorTVLs, totalTVL);
    }

    function depositETH() external payable { _depositETH(0); }

    function depositETH(uint256 referralId) external payable { _depositETH(referralId); }

    function _depositETH(uint256 referralId) private {
        require(!paused, "Pausable: paused");
        require(msg.value > 0, "InvalidZeroInput");
        uint256 supply = ezETH.totalSupply();
        // RenzoOracle.calculateMintAmount keeps the value of existing ezETH unchanged: new/(tvl+new) of the new supply.
        uint256 mintAmount = supply == 0 || totalTVL == 0 ? msg.value : msg.value * supply / totalTVL;
        require(mintAmount > 0, "InvalidTokenAmount");
        totalTVL += msg.value;
        ezETH.mint(msg.sender, mintAmount);
        emit Deposit(msg.sender, address(0), msg.value, mintAmount, referralId);
    }

    /// Devnet admin: rewards, a slashing, or a donation moving the live TVL.
    function setTotalTVL(uint256 newTotalTVL) external onlyAdmin { totalTVL = newTotalTVL; }

    function setPaused(bool value) external onlyAdmin { paused = value; }

    /// The WithdrawQueue double: the ETH a claim pays leaves the protocol, so it leaves the stored TVL (on mainnet
    /// calculateTVLs counts the queue's own balance).
    address public withdrawQueue;

    function setWithdrawQueue(address queue) external onlyAdmin { withdrawQueue = queue; }

    function withdrawPaid(uint256 amount) external {
        require(msg.sender == withdrawQueue, "NotWithdrawQueue");
        totalTVL -= amount;
    }

    /// The OperatorDelegator contracts that restake for ezETH (mainnet `IOperatorDelegator[] public operatorDelegators`).
    address[] public operatorDelegators;

    function getOperatorDelegatorsLength() external view returns (uint256) { return operatorDelegators.length; }

    /// Mainnet signature; the allocation is not modelled.
    function addOperatorDelegator(address newOperatorDelegator, uint256) external onlyAdmin {
        operatorDelegators.push(newOperatorDelegator);
    }
}
