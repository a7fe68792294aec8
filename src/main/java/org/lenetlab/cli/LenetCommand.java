package org.lenetlab.cli;

import java.io.PrintWriter;

import org.lenetlab.backend.Backend;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of {@code ./lenet}: dispatches to the sub-commands. */
@Command(name = "lenet", mixinStandardHelpOptions = true, version = "LeNet Lab 0.1",
        description = "LeNet Lab: learn convolutional networks through LeNet.",
        subcommands = {TrainCommand.class, EvaluateCommand.class, SummaryCommand.class, DownloadCommand.class,
                RunCommand.class, BenchCommand.class, ReportCommand.class, GradeCommand.class, ExercisesCommand.class,
                InstallKernelCommand.class, LabCommand.class, EnvCommand.class,
                CommandLine.HelpCommand.class})
public final class LenetCommand {
    private LenetCommand() {
    }

    /**
     * Runs the command line.
     *
     * @param args command-line arguments
     */
    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /**
     * Runs the command line without exiting (for tests and the kernel).
     *
     * @param args command-line arguments
     * @return the exit code
     */
    public static int execute(String... args) {
        CommandLine cli = new CommandLine(new LenetCommand());
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            PrintWriter err = cmd.getErr();
            err.println("lenet " + cmd.getCommandName() + ": " + messageOf(e));
            return 1;
        });
        return cli.execute(args);
    }

    private static String messageOf(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && (t.getMessage() == null || t instanceof java.util.concurrent.CompletionException)) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }

    static {
        Backend.configure();
    }
}
