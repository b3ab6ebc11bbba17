// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {Initializable} from "./base/ERC20Base.sol";

interface IMETHBurn {
    function burn(uint256 amount) external;
}

/// Test double of Mantle's UnstakeRequestsManager (0x38fDF7b4…FDcf9; mantle-lsp/contracts
/// src/UnstakeRequestsManager.sol). Same request store and views: one global array of UnstakeRequest (id = index,
/// requester, mETHLocked, ethRequested fixed at request, cumulativeETHRequested, blockNumber); a request is finalized
/// when blockNumber + numberOfBlocksToFinalize ≤ the oracle's latest record end block, filled when allocated ETH
/// covers its cumulativeETHRequested; claim deletes it, burns the mETH and pays ethRequested.
/// Differences: the oracle's latestRecord().updateEndBlock is a stored number set by the devnet admin
/// (setOracleUpdateEndBlock), allocateETH also accepts the admin (mainnet: Staking's allocator), no cancellation;
/// claim returns the ETH paid so the Staking double can book it.
contract UnstakeRequestsManager is Initializable {
    struct UnstakeRequest {
        uint64 blockNumber;
        address requester;
        uint128 id;
        uint128 mETHLocked;
        uint128 ethRequested;
        uint128 cumulativeETHRequested;
    }

    event UnstakeRequestCreated(
        uint256 indexed id, address indexed requester, uint256 mETHLocked, uint256 ethRequested, uint256 cumulativeETHRequested, uint256 blockNumber
    );
    event UnstakeRequestClaimed(
        uint256 indexed id, address indexed requester, uint256 mETHLocked, uint256 ethRequested, uint256 cumulativeETHRequested, uint256 blockNumber
    );

    error AlreadyClaimed();
    error NotEnoughFunds(uint256 cumulativeETHOnRequest, uint256 allocatedETHForClaims);
    error NotFinalized();
    error NotRequester();
    error NotStakingContract();

    address public stakingContract;
    IMETHBurn public mETH;
    uint256 public allocatedETHForClaims;
    uint256 public totalClaimed;
    uint256 public numberOfBlocksToFinalize;
    uint128 public latestCumulativeETHRequested;
    /// Stand-in for oracle.latestRecord().updateEndBlock.
    uint256 public oracleUpdateEndBlock;
    UnstakeRequest[] private _unstakeRequests;

    function initialize(address staking, address mETHAddress, uint256 blocksToFinalize) external initializer {
        stakingContract = staking;
        mETH = IMETHBurn(mETHAddress);
        numberOfBlocksToFinalize = blocksToFinalize;
    }

    modifier onlyStakingContract() {
        if (msg.sender != stakingContract) revert NotStakingContract();
        _;
    }

    function create(address requester, uint128 mETHLocked, uint128 ethRequested) external onlyStakingContract returns (uint256) {
        uint128 cumulative = latestCumulativeETHRequested + ethRequested;
        uint256 requestID = _unstakeRequests.length;
        _unstakeRequests.push(UnstakeRequest(uint64(block.number), requester, uint128(requestID), mETHLocked, ethRequested, cumulative));
        latestCumulativeETHRequested = cumulative;
        emit UnstakeRequestCreated(requestID, requester, mETHLocked, ethRequested, cumulative, block.number);
        return requestID;
    }

    function claim(uint256 requestID, address requester) external onlyStakingContract returns (uint256) {
        UnstakeRequest memory request = _unstakeRequests[requestID];
        if (request.requester == address(0)) revert AlreadyClaimed();
        if (requester != request.requester) revert NotRequester();
        if (!_isFinalized(request)) revert NotFinalized();
        if (request.cumulativeETHRequested > allocatedETHForClaims) {
            revert NotEnoughFunds(request.cumulativeETHRequested, allocatedETHForClaims);
        }
        delete _unstakeRequests[requestID];
        totalClaimed += request.ethRequested;
        emit UnstakeRequestClaimed(
            requestID, requester, request.mETHLocked, request.ethRequested, request.cumulativeETHRequested, request.blockNumber
        );
        mETH.burn(request.mETHLocked);
        (bool ok,) = payable(requester).call{value: request.ethRequested}("");
        require(ok, "EthTransferFailed");
        return request.ethRequested;
    }

    function allocateETH() external payable {
        if (msg.sender != stakingContract && msg.sender != admin) revert NotStakingContract();
        allocatedETHForClaims += msg.value;
    }

    function nextRequestId() external view returns (uint256) { return _unstakeRequests.length; }

    function requestByID(uint256 requestID) external view returns (UnstakeRequest memory) { return _unstakeRequests[requestID]; }

    function requestInfo(uint256 requestID) external view returns (bool, uint256) {
        UnstakeRequest memory request = _unstakeRequests[requestID];
        bool isFinalized = _isFinalized(request);
        uint256 claimableAmount = 0;
        uint256 allocatedEthRequired = request.cumulativeETHRequested - request.ethRequested;
        if (allocatedEthRequired < allocatedETHForClaims) {
            uint256 room = allocatedETHForClaims - allocatedEthRequired;
            claimableAmount = room < request.ethRequested ? room : request.ethRequested;
        }
        return (isFinalized, claimableAmount);
    }

    function allocatedETHDeficit() external view returns (uint256) {
        return latestCumulativeETHRequested > allocatedETHForClaims ? latestCumulativeETHRequested - allocatedETHForClaims : 0;
    }

    function balance() external view returns (uint256) {
        return allocatedETHForClaims > totalClaimed ? allocatedETHForClaims - totalClaimed : 0;
    }

    /// Devnet admin: what a new oracle record does (its updateEndBlock moves forward).
    function setOracleUpdateEndBlock(uint256 blockNumber) external onlyAdmin { oracleUpdateEndBlock = blockNumber; }

    function _isFinalized(UnstakeRequest memory request) internal view returns (bool) {
        return request.blockNumber + numberOfBlocksToFinalize <= oracleUpdateEndBlock;
    }
}
