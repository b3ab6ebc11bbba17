// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

/// Placeholder so the compile pipeline has a source; removed once real doubles land.
contract Smoke {
    uint256 public value;
    function set(uint256 v) external { value = v; }
}
