"""python -m newskg.cli"""

from newskg.cli import main

main()
