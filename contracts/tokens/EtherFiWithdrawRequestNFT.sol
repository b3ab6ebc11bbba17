// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {Initializable} from "./base/ERC20Base.sol";

interface IEtherFiPoolForNFT {
    function amountPerShareCeil() external view returns (uint256);
    function withdraw(uint256 amount, uint256 share) external;
}

/// Test double of ether.fi's WithdrawRequestNFT (0x7d5706f6…4E2c; etherfi-protocol/smart-contracts
/// src/withdrawals/WithdrawRequestNFT.sol). Same request/claim/view signatures: requests come only from the
/// LiquidityPool's requestWithdraw, ids start at 1, a request is finalized when id ≤ lastFinalizedRequestId, a
/// claim burns the NFT and pays min(eETH amount, shares × the rate frozen at finalization).
/// Differences: finalizeRequests is admin-only and paid with exactly the ETH it locks (mainnet: EtherFiAdmin
/// after an oracle report, the ETH moved from the pool); the frozen rate is kept per request instead of
/// checkpoints; no fees, blacklist, invalidation or pause; NFTs are not transferable.
contract WithdrawRequestNFT is Initializable {
    struct WithdrawRequest {
        uint96 amountOfEEth;
        uint96 shareOfEEth;
        bool isValid;
        uint32 feeGwei;
    }

    event Transfer(address indexed from, address indexed to, uint256 indexed tokenId);
    event WithdrawRequestCreated(uint32 indexed requestId, uint256 amountOfEEth, uint256 shareOfEEth, address owner);
    event WithdrawRequestClaimed(uint32 indexed requestId, uint256 amountOfEEth, uint256 shareOfEEth, address owner);

    IEtherFiPoolForNFT public liquidityPool;
    uint32 public nextRequestId;
    uint32 public lastFinalizedRequestId;
    uint128 public ethAmountLockedForWithdrawal;
    mapping(uint256 => WithdrawRequest) private _requests;
    mapping(uint256 => address) private _owners;
    mapping(uint256 => uint256) private _frozenRate;
    mapping(address => uint256) private _balances;

    function name() external pure returns (string memory) { return "Withdraw Request NFT"; }
    function symbol() external pure returns (string memory) { return "WithdrawRequestNFT"; }

    function initialize(address pool) external initializer {
        liquidityPool = IEtherFiPoolForNFT(pool);
        nextRequestId = 1;
    }

    function requestWithdraw(uint96 amountOfEEth, uint96 shareOfEEth, address recipient) external returns (uint256) {
        require(msg.sender == address(liquidityPool), "Incorrect Caller");
        uint256 requestId = nextRequestId++;
        _requests[requestId] = WithdrawRequest(amountOfEEth, shareOfEEth, true, 0);
        _owners[requestId] = recipient;
        _balances[recipient] += 1;
        emit Transfer(address(0), recipient, requestId);
        emit WithdrawRequestCreated(uint32(requestId), amountOfEEth, shareOfEEth, recipient);
        return requestId;
    }

    /// Devnet admin: what EtherFiAdmin's finalization does (freeze the pool's share rate for the range and lock
    /// its ETH here). msg.value must equal ethToFinalize(requestId).
    function finalizeRequests(uint256 requestId) external payable onlyAdmin {
        require(requestId >= lastFinalizedRequestId, "CannotUndoFinalization");
        require(requestId < nextRequestId, "CannotFinalizeFutureRequests");
        uint256 rate = liquidityPool.amountPerShareCeil();
        uint256 total;
        for (uint256 id = uint256(lastFinalizedRequestId) + 1; id <= requestId; ++id) {
            _frozenRate[id] = rate;
            total += _claimable(id);
        }
        require(msg.value == total, "WrongEthToLock");
        ethAmountLockedForWithdrawal += uint128(total);
        lastFinalizedRequestId = uint32(requestId);
    }

    /// ETH a finalization up to `requestId` at today's rate locks (the admin's msg.value).
    function ethToFinalize(uint256 requestId) external view returns (uint256 total) {
        uint256 rate = liquidityPool.amountPerShareCeil();
        for (uint256 id = uint256(lastFinalizedRequestId) + 1; id <= requestId && id < nextRequestId; ++id) {
            if (_owners[id] == address(0)) continue;
            uint256 bySharesNow = uint256(_requests[id].shareOfEEth) * rate / 1 ether;
            total += bySharesNow < _requests[id].amountOfEEth ? bySharesNow : _requests[id].amountOfEEth;
        }
    }

    function claimWithdraw(uint256 tokenId) external {
        address recipient = ownerOf(tokenId);
        WithdrawRequest memory request = _requests[tokenId];
        require(request.isValid, "RequestNotValid");
        uint256 amount = getClaimableAmount(tokenId);
        _balances[recipient] -= 1;
        delete _owners[tokenId];
        delete _requests[tokenId];
        ethAmountLockedForWithdrawal -= uint128(amount);
        emit Transfer(recipient, address(0), tokenId);
        liquidityPool.withdraw(amount, request.shareOfEEth);
        (bool ok,) = payable(recipient).call{value: amount}("");
        require(ok, "EthTransferFailed");
        emit WithdrawRequestClaimed(uint32(tokenId), amount, request.shareOfEEth, recipient);
    }

    function getRequest(uint256 requestId) external view returns (WithdrawRequest memory) { return _requests[requestId]; }

    function getClaimableAmount(uint256 tokenId) public view returns (uint256) {
        require(tokenId <= lastFinalizedRequestId, "RequestNotFinalized");
        return _claimable(tokenId);
    }

    function _claimable(uint256 id) private view returns (uint256) {
        uint256 byShares = uint256(_requests[id].shareOfEEth) * _frozenRate[id] / 1 ether;
        return byShares < _requests[id].amountOfEEth ? byShares : _requests[id].amountOfEEth;
    }

    function isFinalized(uint256 requestId) external view returns (bool) { return requestId <= lastFinalizedRequestId; }

    function isValid(uint256 requestId) external view returns (bool) {
        require(_owners[requestId] != address(0), "Request does not exist");
        return _requests[requestId].isValid;
    }

    function frozenRateFor(uint256 tokenId) external view returns (uint224) { return uint224(_frozenRate[tokenId]); }

    function ownerOf(uint256 tokenId) public view returns (address) {
        address owner = _owners[tokenId];
        require(owner != address(0), "ERC721: invalid token ID");
        return owner;
    }

    function balanceOf(address owner) external view returns (uint256) { return _balances[owner]; }
}
