"""Build hook only (the project is described in pyproject.toml).

The site theme lives at the top of the source tree in `site/`, where designers find
it, and the Akoma Ntoso schema in `schema/`; wheels carry copies inside the package as
`lawdiff/theme/` and `lawdiff/schema/`, which is where lawdiff looks first when installed.
"""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py


# Top-level folders copied into the package of a wheel: (source, name inside lawdiff/).
SHIPPED = (("site", "theme"), ("schema", "schema"))


class BuildPyWithTheme(build_py):
    def run(self) -> None:
        super().run()
        root = Path(__file__).resolve().parent
        for folder, name in SHIPPED:
            source = root / folder
            if source.is_dir():
                target = Path(self.build_lib) / "lawdiff" / name
                shutil.rmtree(target, ignore_errors=True)
                shutil.copytree(source, target, ignore=shutil.ignore_patterns(".*", "__pycache__"))


setup(cmdclass={"build_py": BuildPyWithTheme})
