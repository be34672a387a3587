# lit configuration for the bulkhead pass plugin tests (one folder per pass; passes/test/README.md).
#   /usr/bin/python3 /usr/lib/llvm-<version>/build/utils/lit/lit.py -sv -j2 passes/test
# (scripts/bulkhead/toolchain.py names the version, the tools and lit: tests/test_lit.py runs this.)
# The plugin: --param plugin=PATH, else $BULKHEAD_PLUGIN, else
# ../../build/passes/BulkheadPass.so relative to this file.
import os
import sys

import lit.formats

# The driver's own modules: the LLVM tool names (toolchain.py) and the ABI constants (abi.py).
sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "scripts"))
from bulkhead import abi, toolchain  # noqa: E402

config.name = "bulkhead-passes"
config.test_format = lit.formats.ShTest(execute_external=False)
config.suffixes = [".ll"]
config.test_source_root = os.path.dirname(__file__)
config.excludes = ["Inputs", "tools"]
# Temporary files (%t) go to the build folder, not next to the tests.
config.test_exec_root = os.path.join(os.path.dirname(__file__), "..", "..", "build", "lit")

plugin = lit_config.params.get("plugin") or os.environ.get("BULKHEAD_PLUGIN")
if not plugin:
    plugin = os.path.join(os.path.dirname(__file__), "..", "..", "build",
                          "passes", "BulkheadPass.so")
plugin = os.path.abspath(plugin)
if not os.path.exists(plugin):
    lit_config.fatal("bulkhead plugin not found at %s; build it first "
                     "(cmake --build build) or pass --param plugin=PATH" % plugin)

config.substitutions.append(("%plugin", plugin))
config.substitutions.append(("%inputs", os.path.join(config.test_source_root, "Inputs")))
# The real gate templates: `%with-gates %s > %t.ll` replaces every "@gates/<backend>/<file>" string
# of the test's !bulkhead.config by that file (tools/with_gates.py).
config.substitutions.append(("%with-gates", "%s %s" % (
    sys.executable, os.path.join(config.test_source_root, "tools", "with_gates.py"))))

# The ABI version and the symbol the pass references (abi/abi.toml): a link without the kernel
# defines it itself, `--defsym=%abi-symbol=%abi-version`.
config.substitutions.append(("%abi-symbol", abi.ABI_SYMBOL))
config.substitutions.append(("%abi-version", str(abi.ABI_VERSION)))

# Tool names used in RUN lines -> the Debian LLVM binaries (toolchain.tool).  The longer
# names come first so that "llvm-as" does not match inside other words.
tools = ["llvm-readelf", "llvm-objdump", "llvm-nm", "llvm-dis", "llvm-as", "FileCheck", "ld.lld", "not",
         "opt", "clang", "llc"]
for name, real in ((t, toolchain.tool(t)) for t in tools):
    # Whole words only: preceded by start/space/pipe, followed by a space.
    config.substitutions.append((r"(^|[ |(])%s(?= )" % name.replace(".", r"\."),
                                 r"\g<1>%s" % real))

config.environment["LC_ALL"] = "C"
