// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

/// AaveOracle double (0x54586bE62E3c3580375aE3723C145253060Ca0C2). Base currency is USD with 8 decimals,
/// as on mainnet Aave v3 Core. An asset's price = ETH/USD × its ETH exchange rate, the way Aave's CAPO
/// adapters price LSTs: the rate is read live from the token's own rate function when a source is set
/// (so slashing or a rate change moves collateral value), else from a stored rate.
contract AaveOracleDouble {
    address public owner;
    uint256 public ethUsdPrice; // 8 decimals
    mapping(address => uint256) public storedEthRate; // 1e18 = 1 ETH per token
    mapping(address => address) public rateSource;
    mapping(address => bytes) public rateCall;

    function initialize(uint256 ethUsdPrice8) external {
        require(owner == address(0), "Oracle: initialized");
        owner = msg.sender;
        ethUsdPrice = ethUsdPrice8;
    }

    modifier onlyOwner() {
        require(msg.sender == owner, "Oracle: only owner");
        _;
    }

    function setEthUsdPrice(uint256 price8) external onlyOwner { ethUsdPrice = price8; }

    function setAssetEthRate(address asset, uint256 rateWad) external onlyOwner {
        storedEthRate[asset] = rateWad;
        rateSource[asset] = address(0);
    }

    /// `data` is the full calldata of a view returning the ETH rate (1e18), e.g. getRate() on weETH.
    function setAssetRateSource(address asset, address source, bytes calldata data) external onlyOwner {
        rateSource[asset] = source;
        rateCall[asset] = data;
    }

    function ethRate(address asset) public view returns (uint256) {
        address source = rateSource[asset];
        if (source == address(0)) return storedEthRate[asset];
        (bool ok, bytes memory out) = source.staticcall(rateCall[asset]);
        require(ok && out.length >= 32, "Oracle: rate source failed");
        return abi.decode(out, (uint256));
    }

    function BASE_CURRENCY() external pure returns (address) { return address(0); }
    function BASE_CURRENCY_UNIT() external pure returns (uint256) { return 1e8; }

    function getAssetPrice(address asset) public view returns (uint256) {
        uint256 rate = ethRate(asset);
        require(rate > 0, "Oracle: no price for asset");
        return (ethUsdPrice * rate) / 1e18;
    }

    function getAssetsPrices(address[] calldata assets) external view returns (uint256[] memory prices) {
        prices = new uint256[](assets.length);
        for (uint256 i = 0; i < assets.length; i++) prices[i] = getAssetPrice(assets[i]);
    }
}
