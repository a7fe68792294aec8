package org.lenetlab.kernel;

import java.util.List;
import java.util.Map;

/**
 * Proves {@link JupyterTestClient} right against the reference kernel, Python's ipykernel (Debian's
 * {@code python3-ipykernel}), with the same protocol checks our kernel has to pass in {@link KernelProtocolTest}.
 * If a check failed here, the client or the check would be wrong, not our kernel.
 */
class JupyterTestClientTest extends KernelProtocolContract {

    @Override
    List<String> kernelCommand() {
        return List.of(SystemPython.require("python3-ipykernel", "ipykernel"), "-m", "ipykernel_launcher", "-f");
    }

    @Override
    Map<String, String> kernelEnvironment() {
        // a private IPython profile directory, so the user's startup files and history stay out of the test
        return Map.of("IPYTHONDIR", scratch.resolve("ipython").toString());
    }

    @Override
    String languageName() {
        return "python";
    }

    @Override
    String printCell() {
        return "import sys\nprint('hello')\nprint('oops', file=sys.stderr)";
    }

    @Override
    String runtimeErrorCell() {
        return "1 / 0";
    }

    @Override
    String runtimeErrorName() {
        return "ZeroDivisionError";
    }

    @Override
    String displayPngCell() {
        return "from IPython.display import display\ndisplay({'image/png': '" + TINY_PNG + "'}, raw=True)";
    }

    @Override
    String defineSeven(String name) {
        return name + " = 7";
    }

    @Override
    String timesSix(String name) {
        return name + " * 6";
    }

    @Override
    String busyLoopCell() {
        return "print('looping', flush=True)\nwhile True:\n    pass";
    }

    @Override
    String sleepingCell() {
        return "import time\nprint('sleeping', flush=True)\ntime.sleep(600)";
    }

    @Override
    String interruptedName() {
        return "KeyboardInterrupt";
    }

    @Override
    String[] completion() {
        return new String[] {"import os\nos.pat", "os.path"};
    }

    @Override
    String[] inspection() {
        return new String[] {"len", "Return the number of items"};
    }

    @Override
    String incompleteCode() {
        return "for i in range(3):";
    }
}
