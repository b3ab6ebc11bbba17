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

interface IRenzoOperatorDelegator {
    function getTokenBalanceFromStrategy(address token) external view returns (uint256);
}

/// Test double of Renzo RestakeManager (0x74a09653…9ef5). The rate is computed live as
/// totalTVL / ezETH supply, like mainnet: calculateTVLs walks the OperatorDelegators and the collateral
/// tokens (each delegator's EigenLayer withdrawable balance, so a slash shows at once) and adds the ETH not
/// restaked (mainnet: the deposit queue and withdraw buffers; donation-susceptible). That part is one
/// stored figure here; collateral tokens count at 1 ETH (devnet: stETH at peg; mainnet RenzoOracle).
contract RenzoRestakeManager is Initializable {
    event Deposit(address depositor, address token, uint256 amount, uint256 ezETHMinted, uint256 referralId);

    IEzETH public ezETH;
    /// ETH outside EigenLayer (deposit queue, buffers).
    uint256 public unrestakedTVL;
    bool public paused;
    address[] public collateralTokens;

    function initialize(address ezETHAddress, uint256 initialTVL) external initializer {
        ezETH = IEzETH(ezETHAddress);
        unrestakedTVL = initialTVL;
    }

    /// Same shape as mainnet: per-operator-delegator token TVLs, per-delegator TVLs, total TVL.
    function calculateTVLs() public view returns (uint256[][] memory tokenTVLs, uint256[] memory delegatorTVLs, uint256 totalTVL) {
        tokenTVLs = new uint256[][](operatorDelegators.length);
        delegatorTVLs = new uint256[](operatorDelegators.length);
        for (uint256 i = 0; i < operatorDelegators.length; i++) {
            tokenTVLs[i] = new uint256[](collateralTokens.length);
            for (uint256 j = 0; j < collateralTokens.length; j++) {
                tokenTVLs[i][j] = IRenzoOperatorDelegator(operatorDelegators[i]).getTokenBalanceFromStrategy(collateralTokens[j]);
                delegatorTVLs[i] += tokenTVLs[i][j];
            }
            totalTVL += delegatorTVLs[i];
        }
        totalTVL += unrestakedTVL;
    }

    function depositETH() external payable { _depositETH(0); }

    function depositETH(uint256 referralId) external payable { _depositETH(referralId); }

    function _depositETH(uint256 referralId) private {
        require(!paused, "Pausable: paused");
        require(msg.value > 0, "InvalidZeroInput");
        uint256 supply = ezETH.totalSupply();
        (,, uint256 totalTVL) = calculateTVLs();
        // RenzoOracle.calculateMintAmount keeps the value of existing ezETH unchanged: new/(tvl+new) of the new supply.
        uint256 mintAmount = supply == 0 || totalTVL == 0 ? msg.value : msg.value * supply / totalTVL;
        require(mintAmount > 0, "InvalidTokenAmount");
        unrestakedTVL += msg.value;
        ezETH.mint(msg.sender, mintAmount);
        emit Deposit(msg.sender, address(0), msg.value, mintAmount, referralId);
    }

    /// Devnet admin: rewards, a loss, or a donation: sets the TOTAL TVL now; the part the delegators do not
    /// hold in EigenLayer is booked as ETH not restaked.
    function setTotalTVL(uint256 newTotalTVL) external onlyAdmin {
        (,, uint256 totalTVL) = calculateTVLs();
        uint256 restaked = totalTVL - unrestakedTVL;
        require(newTotalTVL >= restaked, "below the delegators' EigenLayer balance");
        unrestakedTVL = newTotalTVL - restaked;
    }

    function setPaused(bool value) external onlyAdmin { paused = value; }

    /// The WithdrawQueue double: the ETH a claim pays leaves the protocol, so it leaves the stored TVL (on mainnet
    /// calculateTVLs counts the queue's own balance).
    address public withdrawQueue;

    function setWithdrawQueue(address queue) external onlyAdmin { withdrawQueue = queue; }

    function withdrawPaid(uint256 amount) external {
        require(msg.sender == withdrawQueue, "NotWithdrawQueue");
        unrestakedTVL -= amount;
    }

    /// The OperatorDelegator contracts that restake for ezETH (mainnet `IOperatorDelegator[] public operatorDelegators`).
    address[] public operatorDelegators;

    function getOperatorDelegatorsLength() external view returns (uint256) { return operatorDelegators.length; }

    /// Mainnet signature; the allocation is not modelled.
    function addOperatorDelegator(address newOperatorDelegator, uint256) external onlyAdmin {
        operatorDelegators.push(newOperatorDelegator);
    }

    /// Mainnet addCollateralToken: a token the delegators restake (devnet: stETH).
    function addCollateralToken(address token) external onlyAdmin { collateralTokens.push(token); }

    function getCollateralTokensLength() external view returns (uint256) { return collateralTokens.length; }
}
