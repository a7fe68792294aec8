package org.lenetlab.cli;

import java.util.concurrent.Callable;

import org.lenetlab.backend.Backend;

import picocli.CommandLine.Command;

/** {@code lenet env}: prints the environment report (backend, natives, oneDNN, threads). */
@Command(name = "env", description = "Show the numerical backend: natives, oneDNN on/off, threads, CPU, Java.")
final class EnvCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.out.print(Backend.report());
        return 0;
    }
}
