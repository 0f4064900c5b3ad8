from facilitator.cli import main

main()
