"""Build hook only (the project is described in pyproject.toml).

The site theme lives at the top of the source tree in `site/`, where designers find
it; wheels carry a copy inside the package as `lawdiff/theme/`, which is where
`lawdiff.site.theme` looks first when lawdiff is installed.
"""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py


class BuildPyWithTheme(build_py):
    def run(self) -> None:
        super().run()
        source = Path(__file__).resolve().parent / "site"
        if source.is_dir():
            target = Path(self.build_lib) / "lawdiff" / "theme"
            shutil.rmtree(target, ignore_errors=True)
            shutil.copytree(source, target, ignore=shutil.ignore_patterns(".*", "__pycache__"))


setup(cmdclass={"build_py": BuildPyWithTheme})
