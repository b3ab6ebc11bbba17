// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {Initializable} from "./base/ERC20Base.sol";

interface IWstETHForQueue {
    function transferFrom(address from, address to, uint256 amount) external returns (bool);
    function unwrap(uint256 wstETHAmount) external returns (uint256);
}

interface IStETHForQueue {
    function getSharesByPooledEth(uint256 ethAmount) external view returns (uint256);
    function getPooledEthByShares(uint256 sharesAmount) external view returns (uint256);
    function transferFrom(address from, address to, uint256 amount) external returns (bool);
}

/// Test double of Lido's WithdrawalQueueERC721 (unstETH, 0x889edC2e…F9B1). Same view and request/claim
/// signatures as mainnet (lidofinance/core contracts/0.8.9/WithdrawalQueueBase.sol, WithdrawalQueue.sol).
/// Differences: the oracle-driven `finalize(lastId, maxShareRate)` is replaced by an admin-only
/// `finalize(lastId)` paid with the ETH it locks; each request keeps its own claimable amount instead of
/// checkpoints (findCheckpointHints returns one checkpoint per finalize call so the mainnet read path works);
/// the stETH of finalized requests stays in this contract instead of being burned; NFTs are not transferable.
contract WithdrawalQueueERC721 is Initializable {
    struct WithdrawalRequestStatus {
        uint256 amountOfStETH;
        uint256 amountOfShares;
        address owner;
        uint256 timestamp;
        bool isFinalized;
        bool isClaimed;
    }

    struct Request {
        uint128 amountOfStETH;
        uint128 amountOfShares;
        address owner;
        uint40 timestamp;
        bool claimed;
        uint256 claimableEther;
        uint256 checkpoint;
    }

    event Transfer(address indexed from, address indexed to, uint256 indexed tokenId);
    event WithdrawalRequested(
        uint256 indexed requestId, address indexed requestor, address indexed owner, uint256 amountOfStETH, uint256 amountOfShares
    );
    event WithdrawalsFinalized(
        uint256 indexed from, uint256 indexed to, uint256 amountOfETHLocked, uint256 sharesToBurn, uint256 timestamp
    );
    event WithdrawalClaimed(uint256 indexed requestId, address indexed owner, address indexed receiver, uint256 amountOfETH);

    uint256 public constant MIN_STETH_WITHDRAWAL_AMOUNT = 100;
    uint256 public constant MAX_STETH_WITHDRAWAL_AMOUNT = 1000 ether;

    IStETHForQueue public stETH;
    /// Mainnet's WSTETH immutable: the doubles sit at the mainnet addresses, so the wstETH double is here.
    IWstETHForQueue public constant WSTETH = IWstETHForQueue(0x7f39C581F595B53c5cb19bD0b3f8dA6c935E2Ca0);
    /// Request 0 is a stub, as on mainnet: real ids start at 1.
    uint256 private lastRequestId;
    uint256 private lastFinalizedRequestId;
    uint256 private lastCheckpointIndex;
    uint256 private lockedEther;
    mapping(uint256 => Request) private requests;
    mapping(address => uint256[]) private requestsByOwner;

    function name() external pure returns (string memory) { return "Lido: stETH Withdrawal NFT"; }
    function symbol() external pure returns (string memory) { return "unstETH"; }

    function initialize(address stETHAddress) external initializer {
        stETH = IStETHForQueue(stETHAddress);
    }

    function requestWithdrawals(uint256[] calldata amounts, address owner) external returns (uint256[] memory requestIds) {
        if (owner == address(0)) owner = msg.sender;
        requestIds = new uint256[](amounts.length);
        for (uint256 i = 0; i < amounts.length; ++i) {
            uint256 amount = amounts[i];
            _checkAmount(amount);
            stETH.transferFrom(msg.sender, address(this), amount);
            requestIds[i] = _enqueue(amount, owner);
        }
    }

    /// As mainnet: pulls wstETH, unwraps it here and queues the stETH it gave (limits checked on that stETH).
    function requestWithdrawalsWstETH(uint256[] calldata amounts, address owner) external returns (uint256[] memory requestIds) {
        if (owner == address(0)) owner = msg.sender;
        requestIds = new uint256[](amounts.length);
        for (uint256 i = 0; i < amounts.length; ++i) {
            WSTETH.transferFrom(msg.sender, address(this), amounts[i]);
            uint256 amountOfStETH = WSTETH.unwrap(amounts[i]);
            _checkAmount(amountOfStETH);
            requestIds[i] = _enqueue(amountOfStETH, owner);
        }
    }

    function _checkAmount(uint256 amount) internal pure {
        require(amount >= MIN_STETH_WITHDRAWAL_AMOUNT, "RequestAmountTooSmall");
        require(amount <= MAX_STETH_WITHDRAWAL_AMOUNT, "RequestAmountTooLarge");
    }

    function _enqueue(uint256 amount, address owner) internal returns (uint256 id) {
        uint256 shares = stETH.getSharesByPooledEth(amount);
        id = ++lastRequestId;
        requests[id] = Request(uint128(amount), uint128(shares), owner, uint40(block.timestamp), false, 0, 0);
        requestsByOwner[owner].push(id);
        emit WithdrawalRequested(id, msg.sender, owner, amount, shares);
        emit Transfer(address(0), owner, id);
    }

    /// Devnet admin: what an oracle report finalizing up to `lastIdToFinalize` does. Each request can claim
    /// min(its stETH, its shares at today's share rate), as mainnet's discounting does; msg.value must cover it.
    function finalize(uint256 lastIdToFinalize) external payable onlyAdmin {
        require(lastIdToFinalize > lastFinalizedRequestId && lastIdToFinalize <= lastRequestId, "InvalidRequestId");
        uint256 first = lastFinalizedRequestId + 1;
        uint256 total;
        uint256 shares;
        uint256 checkpoint = ++lastCheckpointIndex;
        for (uint256 id = first; id <= lastIdToFinalize; ++id) {
            Request storage r = requests[id];
            uint256 now_ = stETH.getPooledEthByShares(r.amountOfShares);
            uint256 eth = now_ < r.amountOfStETH ? now_ : r.amountOfStETH;
            r.claimableEther = eth;
            r.checkpoint = checkpoint;
            total += eth;
            shares += r.amountOfShares;
        }
        require(msg.value == total, "TooMuchEtherToFinalize");
        lockedEther += total;
        lastFinalizedRequestId = lastIdToFinalize;
        emit WithdrawalsFinalized(first, lastIdToFinalize, total, shares, block.timestamp);
    }

    /// ETH the admin must send to finalize up to `lastIdToFinalize` (what the oracle computes on mainnet).
    function ethToFinalize(uint256 lastIdToFinalize) external view returns (uint256 total) {
        for (uint256 id = lastFinalizedRequestId + 1; id <= lastIdToFinalize; ++id) {
            uint256 now_ = stETH.getPooledEthByShares(requests[id].amountOfShares);
            total += now_ < requests[id].amountOfStETH ? now_ : requests[id].amountOfStETH;
        }
    }

    function claimWithdrawal(uint256 requestId) external {
        _claim(requestId, requests[requestId].checkpoint);
    }

    /// Mainnet's batch claim: each hint must be the checkpoint findCheckpointHints returns for the id.
    function claimWithdrawals(uint256[] calldata requestIds, uint256[] calldata hints) external {
        require(requestIds.length == hints.length, "ArraysLengthMismatch");
        for (uint256 i = 0; i < requestIds.length; ++i) _claim(requestIds[i], hints[i]);
    }

    function _claim(uint256 requestId, uint256 hint) internal {
        require(requestId != 0 && requestId <= lastFinalizedRequestId, "RequestNotFoundOrNotFinalized");
        Request storage r = requests[requestId];
        require(!r.claimed, "RequestAlreadyClaimed");
        require(r.owner == msg.sender, "NotOwner");
        require(hint == r.checkpoint, "InvalidHint");
        r.claimed = true;
        uint256[] storage ids = requestsByOwner[msg.sender];
        for (uint256 i = 0; i < ids.length; ++i) {
            if (ids[i] == requestId) {
                ids[i] = ids[ids.length - 1];
                ids.pop();
                break;
            }
        }
        lockedEther -= r.claimableEther;
        emit Transfer(msg.sender, address(0), requestId);
        emit WithdrawalClaimed(requestId, msg.sender, msg.sender, r.claimableEther);
        (bool ok,) = msg.sender.call{value: r.claimableEther}("");
        require(ok, "CantSendValueRecipientMayHaveReverted");
    }

    function getWithdrawalRequests(address owner) external view returns (uint256[] memory) {
        return requestsByOwner[owner];
    }

    function getWithdrawalStatus(uint256[] calldata requestIds) external view returns (WithdrawalRequestStatus[] memory statuses) {
        statuses = new WithdrawalRequestStatus[](requestIds.length);
        for (uint256 i = 0; i < requestIds.length; ++i) {
            uint256 id = requestIds[i];
            require(id != 0 && id <= lastRequestId, "InvalidRequestId");
            Request storage r = requests[id];
            statuses[i] = WithdrawalRequestStatus(r.amountOfStETH, r.amountOfShares, r.owner, r.timestamp, id <= lastFinalizedRequestId, r.claimed);
        }
    }

    function findCheckpointHints(uint256[] calldata requestIds, uint256 firstIndex, uint256 lastIndex)
        external
        view
        returns (uint256[] memory hints)
    {
        require(firstIndex > 0 && lastIndex <= lastCheckpointIndex, "InvalidRequestIdRange");
        hints = new uint256[](requestIds.length);
        for (uint256 i = 0; i < requestIds.length; ++i) {
            uint256 c = requests[requestIds[i]].checkpoint;
            hints[i] = c >= firstIndex && c <= lastIndex ? c : 0;
        }
    }

    /// Claimable ETH per request: 0 when not finalized or already claimed, as on mainnet.
    function getClaimableEther(uint256[] calldata requestIds, uint256[] calldata hints) external view returns (uint256[] memory out) {
        require(requestIds.length == hints.length, "ArraysLengthMismatch");
        out = new uint256[](requestIds.length);
        for (uint256 i = 0; i < requestIds.length; ++i) {
            Request storage r = requests[requestIds[i]];
            if (requestIds[i] <= lastFinalizedRequestId && !r.claimed) {
                require(hints[i] == r.checkpoint, "InvalidHint");
                out[i] = r.claimableEther;
            }
        }
    }

    function getLastRequestId() external view returns (uint256) { return lastRequestId; }
    function getLastFinalizedRequestId() external view returns (uint256) { return lastFinalizedRequestId; }
    function getLastCheckpointIndex() external view returns (uint256) { return lastCheckpointIndex; }
    function getLockedEtherAmount() external view returns (uint256) { return lockedEther; }

    /// stETH waiting for finalization (mainnet: unfinalizedStETH()).
    function unfinalizedStETH() external view returns (uint256 total) {
        for (uint256 id = lastFinalizedRequestId + 1; id <= lastRequestId; ++id) total += requests[id].amountOfStETH;
    }

    function unfinalizedRequestNumber() external view returns (uint256) { return lastRequestId - lastFinalizedRequestId; }

    function balanceOf(address owner) external view returns (uint256) { return requestsByOwner[owner].length; }

    function ownerOf(uint256 requestId) external view returns (address) {
        require(requestId != 0 && requestId <= lastRequestId && !requests[requestId].claimed, "InvalidOwnerAddress");
        return requests[requestId].owner;
    }
}
