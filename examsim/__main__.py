from examsim.cli import main

main()
