# A file made inside a directory that the class or a registered cleanup removes goes with it.
import atexit
import contextlib
import os
import shutil
import tempfile
import unittest
import weakref


class RepoTestCase(unittest.TestCase):
    def setUp(self):
        super().setUp()
        self.test_dir = tempfile.mkdtemp()
        self.addCleanup(shutil.rmtree, self.test_dir)
        self.repo_path = os.path.join(self.test_dir, "repo")
        self.repo = Repository.init(self.repo_path, mkdir=True)

    def _setup_clone(self):
        clone_path = tempfile.mkdtemp()
        self.addCleanup(shutil.rmtree, clone_path)
        return clone_path


# ok
class InheritedSetUp(RepoTestCase):
    def test_file_in_the_repository(self):
        handle, fullpath = tempfile.mkstemp(dir=self.repo.path)
        os.close(handle)
        commit(fullpath)

    def test_file_in_the_test_directory(self):
        handle, fullpath = tempfile.mkstemp(dir=self.test_dir)
        os.close(handle)
        commit(fullpath)

    def test_directory_under_a_joined_path(self):
        for i in range(3):
            dirname = os.path.join(self.repo_path, f"{i:02x}")
            os.makedirs(dirname)
            fd, _n = tempfile.mkstemp(prefix="tmp_", dir=dirname)
            os.close(fd)

    def test_returned_by_a_method_that_registered_its_removal(self):
        clone_path = self._setup_clone()
        handle, fullpath = tempfile.mkstemp(dir=clone_path)
        os.close(handle)
        commit(fullpath)

    def test_assigned_twice_each_in_the_repository(self):
        handle, fullpath = tempfile.mkstemp(dir=self.repo.path)
        os.close(handle)
        commit(fullpath)
        handle, fullpath = tempfile.mkstemp(dir=self.repo.path)
        os.close(handle)
        commit(fullpath)


# ok
class SetUpCallsSuper(RepoTestCase):
    def setUp(self):
        super().setUp()
        handle, fullpath = tempfile.mkstemp(dir=self.repo.path)
        os.close(handle)
        commit(fullpath)


# expect: TMP003 no-fix
class SetUpWithoutSuper(RepoTestCase):
    def setUp(self):
        self.repo = Repository.init(tempfile.gettempdir())

    def test_base_set_up_never_runs(self):
        handle, fullpath = tempfile.mkstemp(dir=self.test_dir)
        os.close(handle)
        commit(fullpath)


# expect: TMP003 no-fix
class ReassignedInATest(RepoTestCase):
    def test_other(self):
        self.repo = Repository.init(tempfile.gettempdir())

    def test_repository_may_be_elsewhere(self):
        handle, fullpath = tempfile.mkstemp(dir=self.repo.path)
        os.close(handle)
        commit(fullpath)


# expect: TMP003 safe, TMP003 no-fix(escapes)
class NotRegistered(RepoTestCase):
    def _unregistered_clone(self):
        # A test's helper: removed when the test ends (test lifetime).
        clone_path = tempfile.mkdtemp()
        return clone_path

    def test_returned_by_a_method_that_keeps_it(self):
        clone_path = self._unregistered_clone()
        handle, fullpath = tempfile.mkstemp(dir=clone_path)
        os.close(handle)
        commit(fullpath)


# ok
class TearDownRemoves(unittest.TestCase):
    def setUp(self):
        self.repos_path = tempfile.mkdtemp()

    def tearDown(self):
        if os.path.isdir(self.repos_path):
            shutil.rmtree(self.repos_path)

    def test_nested_directory(self):
        path = tempfile.mkdtemp(dir=self.repos_path)
        self.assertRaises(ValueError, open_storage, path)


# ok
class ClosedByItsOwner:
    def __init__(self):
        self.root = tempfile.mkdtemp()

    def close(self):
        shutil.rmtree(self.root, ignore_errors=True)

    def write(self, data):
        f = tempfile.NamedTemporaryFile(dir=self.root, delete=False)
        f.write(data)
        f.close()
        return f.name


# expect: TMP003 no-fix(escapes)
class RemovedOnlyInAnotherMethod(unittest.TestCase):
    def setUp(self):
        self.repos_path = tempfile.mkdtemp()
        self.addCleanup(shutil.rmtree, self.repos_path)

    def helper(self):
        shutil.rmtree(self.other)

    def test_other_directory(self):
        path = tempfile.mkdtemp(dir=self.other)
        open_storage(path)


# expect: TMP003 no-fix
class UnknownBase(Mixin, RepoTestCase):
    def test_mixin_may_replace_set_up(self):
        handle, fullpath = tempfile.mkstemp(dir=self.test_dir)
        os.close(handle)
        commit(fullpath)


# ok
def registered_with_atexit():
    d = tempfile.mkdtemp()
    atexit.register(shutil.rmtree, d, ignore_errors=True)
    fd, path = tempfile.mkstemp(dir=d)
    os.close(fd)
    print(path)


# ok
def registered_on_an_exit_stack(stack: contextlib.ExitStack):
    d = tempfile.mkdtemp()
    stack.callback(shutil.rmtree, d)
    fd, path = tempfile.mkstemp(dir=d)
    os.close(fd)
    print(path)


# ok
def registered_with_weakref_finalize(owner):
    d = tempfile.mkdtemp()
    weakref.finalize(owner, shutil.rmtree, d, True)
    owner.d = d


# ok
def registered_with_a_lambda(self):
    d = tempfile.mkdtemp()
    self.addCleanup(lambda: shutil.rmtree(d, ignore_errors=True))
    fd, path = tempfile.mkstemp(dir=d)
    os.close(fd)
    print(path)


# expect: TMP003 unsafe(created-in-program-dir)
def removal_in_a_lambda_never_registered():
    d = tempfile.mkdtemp()
    remove = lambda: shutil.rmtree(d, ignore_errors=True)
    fd, path = tempfile.mkstemp(dir=d)
    os.close(fd)
    print(path, remove)


# expect: TMP003 unsafe(created-in-program-dir)
def lambda_given_to_an_unknown_call(self):
    d = tempfile.mkdtemp()
    self.later(lambda: shutil.rmtree(d, ignore_errors=True))
    fd, path = tempfile.mkstemp(dir=d)
    os.close(fd)
    print(path)


# ok
class RegisteredForAMethodResult(RepoTestCase):
    def mkdtemp(self):
        return tempfile.mkdtemp()

    def test_hook(self):
        repo_dir = self.mkdtemp()
        self.addCleanup(shutil.rmtree, repo_dir)
        fd, path = tempfile.mkstemp(dir=repo_dir)
        os.close(fd)
        run_hook(path)


# expect: TMP003 no-fix
class RegisteredOnlySometimes(RepoTestCase):
    def mkdtemp(self):
        return tempfile.mkdtemp()

    def test_hook(self, flag):
        repo_dir = self.mkdtemp()
        if flag:
            self.addCleanup(shutil.rmtree, repo_dir)
        fd, path = tempfile.mkstemp(dir=repo_dir)
        os.close(fd)
        run_hook(path)


# expect: TMP003 no-fix
class StoredTwiceInSetUp(unittest.TestCase):
    def setUp(self):
        self.work = tempfile.mkdtemp()
        self.addCleanup(shutil.rmtree, self.work)
        self.work = os.environ["WORK"]

    def test_file(self):
        fd, path = tempfile.mkstemp(dir=self.work)
        os.close(fd)
        run_hook(path)
