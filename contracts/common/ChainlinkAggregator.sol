// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

/// Test double of a Chainlink price feed proxy (AggregatorV3Interface). The devnet's admin sets each
/// answer with its own updatedAt, so staleness and depeg checks can be exercised on purpose.
contract ChainlinkAggregator {
    event AnswerUpdated(int256 indexed current, uint256 indexed roundId, uint256 updatedAt);

    struct Round { int256 answer; uint256 startedAt; uint256 updatedAt; }

    address public admin;
    uint8 public decimals;
    string public description;
    uint80 public latestRound;
    mapping(uint80 => Round) private rounds;

    error AlreadyInitialized();
    error NotAdmin();
    error NoDataPresent();

    function initialize(uint8 feedDecimals, string calldata feedDescription) external {
        if (admin != address(0)) revert AlreadyInitialized();
        admin = msg.sender;
        decimals = feedDecimals;
        description = feedDescription;
    }

    function version() external pure returns (uint256) { return 4; }

    function setAnswer(int256 answer, uint256 updatedAt) external {
        if (msg.sender != admin) revert NotAdmin();
        latestRound += 1;
        rounds[latestRound] = Round(answer, updatedAt, updatedAt);
        emit AnswerUpdated(answer, latestRound, updatedAt);
    }

    function getRoundData(uint80 roundId) public view returns (uint80, int256, uint256, uint256, uint80) {
        Round memory r = rounds[roundId];
        if (r.updatedAt == 0) revert NoDataPresent();
        return (roundId, r.answer, r.startedAt, r.updatedAt, roundId);
    }

    function latestRoundData() external view returns (uint80, int256, uint256, uint256, uint80) {
        return getRoundData(latestRound);
    }

    function latestAnswer() external view returns (int256) { return rounds[latestRound].answer; }
    function latestTimestamp() external view returns (uint256) { return rounds[latestRound].updatedAt; }
}
