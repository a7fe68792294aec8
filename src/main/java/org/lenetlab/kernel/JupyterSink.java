package org.lenetlab.kernel;

import io.github.spencerpark.jupyter.channels.ShellReplyEnvironment;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.messages.publish.PublishDisplayData;
import io.github.spencerpark.jupyter.messages.publish.PublishStream;
import io.github.spencerpark.jupyter.messages.publish.PublishUpdateDisplayData;

/** A cell's output published on the IOPub channel, as children of the cell's execute request. */
final class JupyterSink implements OutputSink {
    private final ShellReplyEnvironment env;

    JupyterSink(ShellReplyEnvironment env) {
        this.env = env;
    }

    @Override
    public void stream(Stream stream, String text) {
        env.publish(new PublishStream(stream == Stream.STDOUT ? PublishStream.StreamType.OUT
                : PublishStream.StreamType.ERR, text));
    }

    @Override
    public void display(DisplayData data) {
        env.publish(new PublishDisplayData(data));
    }

    @Override
    public void updateDisplay(DisplayData data) {
        env.publish(new PublishUpdateDisplayData(data));
    }
}
