// Chapter 5 program: placeholder, written next.
int main() {
    return 0;
}
