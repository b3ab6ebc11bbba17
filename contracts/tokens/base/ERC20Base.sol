// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

/// Set-up for doubles placed with anvil_setCode: no constructor runs, so the first initialize() caller
/// becomes the admin (the devnet's account 0) and initialize can never run twice.
abstract contract Initializable {
    address public admin;
    bool private _initialized;

    error AlreadyInitialized();
    error NotAdmin();

    modifier initializer() {
        if (_initialized) revert AlreadyInitialized();
        _initialized = true;
        admin = msg.sender;
        _;
    }

    modifier onlyAdmin() {
        if (msg.sender != admin) revert NotAdmin();
        _;
    }
}

/// Allowance bookkeeping and the ERC-20 events shared by plain and share-based tokens.
abstract contract Allowances is Initializable {
    event Transfer(address indexed from, address indexed to, uint256 value);
    event Approval(address indexed owner, address indexed spender, uint256 value);

    mapping(address => mapping(address => uint256)) public allowance;

    function name() public view virtual returns (string memory);
    function symbol() public view virtual returns (string memory);

    function decimals() public pure returns (uint8) {
        return 18;
    }

    function approve(address spender, uint256 amount) public returns (bool) {
        _approve(msg.sender, spender, amount);
        return true;
    }

    function _approve(address owner, address spender, uint256 amount) internal {
        allowance[owner][spender] = amount;
        emit Approval(owner, spender, amount);
    }

    function _spendAllowance(address owner, uint256 amount) internal {
        if (owner == msg.sender) return;
        uint256 current = allowance[owner][msg.sender];
        if (current == type(uint256).max) return;
        require(current >= amount, "ERC20: insufficient allowance");
        allowance[owner][msg.sender] = current - amount;
    }
}

/// EIP-2612 permit, for the tokens that have it on mainnet. The domain is computed on every call so it
/// follows the chain id and the address the code was placed at.
abstract contract Permit is Allowances {
    bytes32 private constant PERMIT_TYPEHASH =
        keccak256("Permit(address owner,address spender,uint256 value,uint256 nonce,uint256 deadline)");
    bytes32 private constant DOMAIN_TYPEHASH =
        keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)");

    mapping(address => uint256) public nonces;

    function eip712Version() internal pure virtual returns (string memory) {
        return "1";
    }

    function DOMAIN_SEPARATOR() public view returns (bytes32) {
        return keccak256(
            abi.encode(DOMAIN_TYPEHASH, keccak256(bytes(name())), keccak256(bytes(eip712Version())), block.chainid, address(this))
        );
    }

    function permit(address owner, address spender, uint256 value, uint256 deadline, uint8 v, bytes32 r, bytes32 s) external {
        require(block.timestamp <= deadline, "ERC20Permit: expired deadline");
        bytes32 structHash = keccak256(abi.encode(PERMIT_TYPEHASH, owner, spender, value, nonces[owner]++, deadline));
        address signer = ecrecover(keccak256(abi.encodePacked("\x19\x01", DOMAIN_SEPARATOR(), structHash)), v, r, s);
        require(signer != address(0) && signer == owner, "ERC20Permit: invalid signature");
        _approve(owner, spender, value);
    }
}

/// Balance-mapping ERC-20 (every non-rebasing token).
abstract contract ERC20Plain is Allowances {
    mapping(address => uint256) public balanceOf;
    uint256 public totalSupply;

    function transfer(address to, uint256 amount) public returns (bool) {
        _transfer(msg.sender, to, amount);
        return true;
    }

    function transferFrom(address from, address to, uint256 amount) public returns (bool) {
        _spendAllowance(from, amount);
        _transfer(from, to, amount);
        return true;
    }

    function _transfer(address from, address to, uint256 amount) internal {
        require(to != address(0), "ERC20: transfer to the zero address");
        require(balanceOf[from] >= amount, "ERC20: transfer amount exceeds balance");
        balanceOf[from] -= amount;
        balanceOf[to] += amount;
        emit Transfer(from, to, amount);
    }

    function _mint(address to, uint256 amount) internal {
        totalSupply += amount;
        balanceOf[to] += amount;
        emit Transfer(address(0), to, amount);
    }

    function _burn(address from, uint256 amount) internal {
        require(balanceOf[from] >= amount, "ERC20: burn amount exceeds balance");
        balanceOf[from] -= amount;
        totalSupply -= amount;
        emit Transfer(from, address(0), amount);
    }
}

// Supply held by "everyone else": doubles start with existing holders at this address so a rate is
// meaningful before the first demo deposit (Lido did the same with its initial shares).
address constant OTHER_HOLDERS = 0x000000000000000000000000000000000000dEaD;
