package org.lenetlab.kernel;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.apache.maven.repository.internal.MavenRepositorySystemUtils;
import org.eclipse.aether.DefaultRepositorySystemSession;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.repository.LocalRepository;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.repository.RepositoryPolicy;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.resolution.DependencyRequest;
import org.eclipse.aether.resolution.DependencyResolutionException;
import org.eclipse.aether.supplier.RepositorySystemSupplier;
import org.eclipse.aether.transfer.AbstractTransferListener;
import org.eclipse.aether.transfer.TransferEvent;
import org.eclipse.aether.util.artifact.JavaScopes;
import org.eclipse.aether.util.filter.DependencyFilterUtils;

/**
 * {@code %maven}: resolves artifacts with their runtime dependencies exactly as Maven does (Maven's own resolver and
 * POM reader), from the configured remote repositories (Maven Central by default) into a local repository (the
 * user's {@code ~/.m2/repository} by default, so artifacts Maven already downloaded are not fetched again).
 */
final class MavenResolver {
    private final Path localRepository;
    private final Map<String, RemoteRepository> remotes = new LinkedHashMap<>();
    private RepositorySystem system;

    /**
     * @param localRepository where artifacts are kept
     * @param remoteUrls      repositories to resolve from, in order
     */
    MavenResolver(Path localRepository, List<String> remoteUrls) {
        this.localRepository = localRepository;
        int n = 0;
        for (String url : remoteUrls) {
            addRepository(url.equals(KernelOptions.MAVEN_CENTRAL) ? "central" : "repo" + (++n), url);
        }
    }

    /**
     * Adds (or replaces) a remote repository.
     *
     * @param id  its id, e.g. {@code snapshots}
     * @param url its URL ({@code https://...} or {@code file:///...})
     */
    synchronized void addRepository(String id, String url) {
        String normalized = url.endsWith("/") ? url : url + "/";
        RepositoryPolicy policy = new RepositoryPolicy(true, RepositoryPolicy.UPDATE_POLICY_DAILY,
                RepositoryPolicy.CHECKSUM_POLICY_WARN);
        remotes.put(id, new RemoteRepository.Builder(id, "default", normalized).setPolicy(policy).build());
    }

    /** @return the remote repositories as {@code id url}, in resolution order */
    synchronized List<String> repositories() {
        return remotes.values().stream().map(r -> r.getId() + " " + r.getUrl()).toList();
    }

    /**
     * Resolves artifacts and everything they need at run time.
     *
     * @param coordinates {@code group:artifact:version} (or {@code group:artifact:extension:classifier:version})
     * @param progress    told about each download
     * @return the files, dependencies included, in resolution order
     * @throws MagicCommands.MagicException if a coordinate is malformed or something cannot be resolved
     */
    synchronized List<Path> resolve(List<String> coordinates, Consumer<String> progress)
            throws MagicCommands.MagicException {
        if (remotes.isEmpty()) {
            throw new MagicCommands.MagicException("no remote repository is configured: add one with "
                    + "%mavenRepo ID URL");
        }
        if (system == null) {
            system = new RepositorySystemSupplier().get();
        }
        DefaultRepositorySystemSession session = MavenRepositorySystemUtils.newSession();
        session.setLocalRepositoryManager(system.newLocalRepositoryManager(session,
                new LocalRepository(localRepository.toFile())));
        session.setTransferListener(new AbstractTransferListener() {
            @Override
            public void transferSucceeded(TransferEvent event) {
                if (event.getRequestType() == TransferEvent.RequestType.GET
                        && event.getResource().getResourceName().endsWith(".jar")) {
                    progress.accept("Downloaded " + event.getResource().getRepositoryUrl()
                            + event.getResource().getResourceName());
                }
            }
        });
        CollectRequest collect = new CollectRequest();
        for (String c : coordinates) {
            Artifact artifact;
            try {
                artifact = new DefaultArtifact(c);
            } catch (IllegalArgumentException e) {
                throw new MagicCommands.MagicException(c + " is not an artifact: write group:artifact:version, "
                        + "e.g. org.apache.commons:commons-math3:3.6.1");
            }
            collect.addDependency(new Dependency(artifact, JavaScopes.RUNTIME));
        }
        collect.setRepositories(new ArrayList<>(remotes.values()));
        DependencyRequest request = new DependencyRequest(collect,
                DependencyFilterUtils.classpathFilter(JavaScopes.RUNTIME));
        try {
            List<Path> files = new ArrayList<>();
            for (ArtifactResult r : system.resolveDependencies(session, request).getArtifactResults()) {
                File file = r.getArtifact().getFile();
                if (file != null) {
                    files.add(file.toPath());
                }
            }
            return files;
        } catch (DependencyResolutionException e) {
            Throwable cause = e;
            while (cause.getCause() != null && cause.getCause() != cause) {
                cause = cause.getCause();
            }
            throw new MagicCommands.MagicException("cannot resolve " + String.join(" ", coordinates) + " from "
                    + String.join(", ", remotes.values().stream().map(RemoteRepository::getUrl).toList()) + ": "
                    + cause.getMessage());
        }
    }
}
