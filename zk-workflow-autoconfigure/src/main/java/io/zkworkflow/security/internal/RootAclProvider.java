package io.zkworkflow.security.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import io.zkworkflow.internal.ZkRoot;
import org.apache.curator.framework.api.ACLProvider;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.data.ACL;
import org.apache.zookeeper.data.Id;
import org.jspecify.annotations.Nullable;

/**
 * Gives every znode under the zk-workflow root an ACL that lets only the configured identity
 * read and change it (plus optional read-only identities). The root znode itself may also be
 * read by the configured root readers (by default the local machine), so that an operator can
 * check its ACL without credentials; it holds no data. Further trees, such as the live
 * configuration root ({@code /config}), can be protected the same way. Znodes outside them,
 * such as discovery's {@code /services}, keep ZooKeeper's open default.
 */
public class RootAclProvider implements ACLProvider {

	private final ZkRoot root;

	private final List<ACL> belowRootAcl;

	private final List<ACL> rootAcl;

	private final List<ZkRoot> alsoProtected;

	public RootAclProvider(ZkRoot root, DigestCredentials owner, List<DigestCredentials> readers,
			List<Id> rootReaders) {
		this(root, List.of(), owner, readers, rootReaders);
	}

	/**
	 * Create a provider that protects {@code root} and every tree in {@code alsoProtected}.
	 * @param root the zk-workflow root
	 * @param alsoProtected further tree roots given the same ACLs (for example the config root)
	 * @param owner the identity with every right
	 * @param readers identities that may read
	 * @param rootReaders ACL ids that may read the tree roots themselves
	 */
	public RootAclProvider(ZkRoot root, List<ZkRoot> alsoProtected, DigestCredentials owner,
			List<DigestCredentials> readers, List<Id> rootReaders) {
		this(root, alsoProtected, owner.id(), readers.stream().map(DigestCredentials::id).toList(), rootReaders);
	}

	/**
	 * Create a provider whose owner is any ACL id, for example a client certificate's
	 * {@code x509} subject.
	 * @param root the zk-workflow root
	 * @param alsoProtected further tree roots given the same ACLs (for example the config root)
	 * @param owner the identity with every right
	 * @param readers identities that may read
	 * @param rootReaders ACL ids that may read the tree roots themselves
	 */
	public RootAclProvider(ZkRoot root, List<ZkRoot> alsoProtected, Id owner, List<Id> readers,
			List<Id> rootReaders) {
		this.root = root;
		this.alsoProtected = List.copyOf(alsoProtected);
		List<ACL> acl = new ArrayList<>();
		acl.add(new ACL(ZooDefs.Perms.ALL, owner));
		for (Id reader : readers) {
			acl.add(new ACL(ZooDefs.Perms.READ, reader));
		}
		List<ACL> withRootReaders = new ArrayList<>(acl);
		for (Id rootReader : rootReaders) {
			withRootReaders.add(new ACL(ZooDefs.Perms.READ, rootReader));
		}
		// not List.copyOf: ZooKeeper probes the list with contains(null), which immutable lists reject
		this.belowRootAcl = Collections.unmodifiableList(acl);
		this.rootAcl = Collections.unmodifiableList(withRootReaders);
	}

	@Override
	public List<ACL> getDefaultAcl() {
		return ZooDefs.Ids.OPEN_ACL_UNSAFE;
	}

	@Override
	public List<ACL> getAclForPath(String path) {
		List<ACL> acl = aclWithin(this.root, path);
		for (int i = 0; acl == null && i < this.alsoProtected.size(); i++) {
			acl = aclWithin(this.alsoProtected.get(i), path);
		}
		return (acl != null) ? acl : ZooDefs.Ids.OPEN_ACL_UNSAFE;
	}

	private @Nullable List<ACL> aclWithin(ZkRoot tree, String path) {
		if (path.equals(tree.path())) {
			return this.rootAcl;
		}
		return tree.contains(path) ? this.belowRootAcl : null;
	}

}
